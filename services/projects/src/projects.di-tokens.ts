/** ProjectStore port (project/application/project-store.port.ts). */
export const PROJECT_STORE = Symbol('PROJECT_STORE');
/** The personal-manager contact shown on the dashboard (from config). */
export const PERSONAL_MANAGER = Symbol('PERSONAL_MANAGER');
