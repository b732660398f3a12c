// What the middleware hands to pages.
declare namespace App {
  interface Locals {
    session: import('../functions/data/sessions.ts').Session | null;
    /**
     * The site a page works on: a reader page's is the host's site; an admin page's is the session's
     * working site (the site switcher), since the admin is served on the platform's first host only.
     */
    site: import('../functions/sites/resolve.ts').Site;
  }
}
