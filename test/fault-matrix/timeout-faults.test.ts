import { describeFaultMatrix } from './describe-matrix.js';
import { TIMEOUT_ROWS } from './rows.js';

// reliability.md figure 3 and the "Transport" row: a silent server, a stalled body and a slow
// drip each end with TIMEOUT at the configured bound. Each cell waits out its attempt timeouts,
// so the cells run side by side, each on its own emulator.
describeFaultMatrix(TIMEOUT_ROWS, { concurrent: true });
