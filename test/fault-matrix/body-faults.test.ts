import { describeFaultMatrix } from './describe-matrix.js';
import { BODY_ROWS } from './rows.js';

// reliability.md, fault matrix "Bodies": HTML on 200 and truncated JSON, always INVALID_RESPONSE.
describeFaultMatrix(BODY_ROWS);
