// What the admin middleware hands to pages.
declare namespace App {
  interface Locals {
    session: import('../functions/data/sessions.ts').Session | null;
  }
}
