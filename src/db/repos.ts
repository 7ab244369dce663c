import { createArticlesRepo } from './articles-repo.js';
import { createAuditRepo } from './audit-repo.js';
import { createEventsRepo } from './events-repo.js';
import { createFeedRepo } from './feed-repo.js';
import { createLoginFailuresRepo } from './login-failures-repo.js';
import type { Db } from './open-db.js';
import { createPeopleRepo } from './people-repo.js';
import { createRevisionsRepo } from './revisions-repo.js';
import { createSearchRepo } from './search-repo.js';
import { createTagsRepo } from './tags-repo.js';
import { createTokensRepo } from './tokens-repo.js';
import { createTransferRepo } from './transfer-repo.js';
import { createUpdatesRepo } from './updates-repo.js';
import { createUsersRepo } from './users-repo.js';

/** Every repository over one database connection. */
export function createRepos(db: Db) {
  return {
    articles: createArticlesRepo(db),
    updates: createUpdatesRepo(db),
    people: createPeopleRepo(db),
    users: createUsersRepo(db),
    revisions: createRevisionsRepo(db),
    events: createEventsRepo(db),
    audit: createAuditRepo(db),
    loginFailures: createLoginFailuresRepo(db),
    tokens: createTokensRepo(db),
    search: createSearchRepo(db),
    tags: createTagsRepo(db),
    feed: createFeedRepo(db),
    transfer: createTransferRepo(db),
  };
}

export type Repos = ReturnType<typeof createRepos>;
