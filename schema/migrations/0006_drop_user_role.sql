-- Roles are per site since 0005 (site_roles, copied from users.role there): the one-site column goes.
-- A plain DROP COLUMN, no table rebuild, so D1's enforced foreign keys (sessions, tokens, revisions'
-- authors... all reference users) never see the table go away (tests/api/site-roles.test.ts applies it
-- again to a users table with referencing rows).
ALTER TABLE `users` DROP COLUMN `role`;
