/**
 * The localStorage key set while this browser holds a session (lib/api.ts keeps it): read by the
 * app before it asks for a logged-in page's data, and by the early script (app/early-start.ts).
 */
export const SESSION_HINT_KEY = 'tiaojie.session';
