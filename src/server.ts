// The process entry point: the only module with side effects on import.
import { failStart, serve } from './serve.js';

serve().catch(failStart);
