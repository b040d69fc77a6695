/** ProjectStore port (project/application/project-store.port.ts). */
export const PROJECT_STORE = Symbol('PROJECT_STORE');
/** The personal-manager contact shown on the dashboard (from config). */
export const PERSONAL_MANAGER = Symbol('PERSONAL_MANAGER');
/** Invitation settings (lifetime) from the configuration. */
export const INVITATION_SETTINGS = Symbol('INVITATION_SETTINGS');
/** The clock projects reads: the platform's CLOCK, or a TestClock given by a spec. */
export const PROJECTS_CLOCK = Symbol('PROJECTS_CLOCK');
