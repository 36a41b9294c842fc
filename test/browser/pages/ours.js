// The page of the browser build's tests: loads every step module, then says it is ready.
import './echo.js';
import './videoroom.js';
import './resilience.js';
import './inspect.js';

window.ready = true;
