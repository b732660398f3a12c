// The all-sites import token a local import or export makes for its run in the local database (as `npm run token`
// makes one) and revokes at its end; a run killed before that leaves it, named for the run so it can be found in
// the admin. The server may be committing meanwhile (an import running): its write lock is held for
// milliseconds, and here even a read waits it out (whileBusy).
import { CommandError } from './cli.ts';
import { isBusy, whileBusy } from './import/busy.ts';

/** A fresh all-sites import token of the first site, named `name`; CommandError if the store has no site or stays locked. */
export async function mintRunToken(persistTo: string | undefined, name: string): Promise<string> {
  const { withLocalEnv } = await import('./local-db.ts');
  const { database } = await import('../functions/data/db.ts');
  const { listSites } = await import('../functions/data/sites.ts');
  const { createToken } = await import('../functions/data/tokens.ts');
  return withLocalEnv(async (env) => {
    const db = database(env.DB);
    try {
      return await whileBusy(async () => {
        const first = (await listSites(db))[0];
        if (!first) throw new CommandError('the local database has no site yet: start the CMS first (npm start).');
        return (await createToken(db, first.id, name, ['import'], null, { allSites: true })).token;
      });
    } catch (error) {
      if (isBusy(error)) throw new CommandError('the local database stayed locked for 10 s (the CMS busy writing?): try again.');
      throw error;
    }
  }, { persistTo, quiet: true });
}
