import { describeFaultMatrix } from './describe-matrix.js';
import { RESET_ROWS } from './rows.js';

// reliability.md, fault matrix "Transport": a connection reset after the request was sent.
describeFaultMatrix(RESET_ROWS);
