import { describeFaultMatrix } from './describe-matrix.js';
import { STATUS_ROWS } from './rows.js';

// reliability.md, fault matrix "Status": 500→200, 503 ×3, and the 4xx refusals (400, 401, 404)
// with each vendor's own error body, at the provider level over loopback HTTP.
describeFaultMatrix(STATUS_ROWS);
