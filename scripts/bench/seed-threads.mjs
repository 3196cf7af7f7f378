// The bench's threads, seeded in seconds instead of minutes.
//
// Posting 5,000 comments through the API costs about 40 s: one fsync per POST. So the built
// server runs once on the fresh file, the API posts the first comments of each thread (the
// threads exist, the migrations ran, and the rows it writes show the columns' real values), the
// server stops, and better-sqlite3 inserts the rest in one transaction, setting every column as
// server/services/comments/new-comment-row.ts would: root_id the top-level ancestor (NULL on a
// top-level comment), visible = 1 for published, html the Markdown as the server renders it
// (from POST /api/preview), random avatar (16 hex), client and token hashes (64 hex), no votes,
// and text_hash NULL, which the server fills when it opens the file. threads.version is bumped,
// since the server caches pages by it. The bench then starts the server again on that file.
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { expectStatus } from './http.mjs'
import { startCauserie, stop } from './processes.mjs'

export const BIG_URI = '/bench/5000'
export const BIG_COMMENTS = 5_000
export const SMALL_URI = '/bench/10'
export const STALLED_URI = '/bench/biggest'
/** The longest comment allowed; `"` is the character that grows most in HTML and JSON. */
export const STALLED_TEXT = '"'.repeat(10_000)
const STALLED_COMMENTS = 20
const ROOTS = 1_000
/** Top-level comments (by rank among the roots) with a long conversation, and its length. */
const LONG_CONVERSATIONS = new Map([
  [2, 200],
  [40, 50],
  [300, 120],
  [600, 80],
  [900, 160],
])
const PLACEHOLDER = 'NNN'
const TEMPLATES = [
  `Commentaire numéro ${PLACEHOLDER} : *un peu* de **Markdown**, [un lien](https://example.com/${PLACEHOLDER}) et assez de texte pour ressembler à un vrai commentaire de lecteur.`,
  `Je ne suis pas d’accord avec le point ${PLACEHOLDER}.\n\n> Le billet dit que tout va bien.\n\nMais le reste est juste, et bien écrit.`,
  `Merci ! Trois choses (réponse ${PLACEHOLDER}) :\n\n- la première, \`du code\` ;\n- la deuxième, https://example.org/${PLACEHOLDER} ;\n- la troisième, plus longue, qui explique pourquoi ce billet m’a fait changer d’avis sur la question.`,
  `D’accord (${PLACEHOLDER}).`,
]

/** Seeds the bench's threads in a fresh database file; answers the big thread's comment ids. */
export async function seedThreads(dbPath) {
  const server = await startCauserie(dbPath)
  const origin = server.url
  const post = (body) =>
    expectStatus(201, `${origin}/api/comments`, { method: 'POST', body }).then(
      (res) => JSON.parse(res.body.toString()).comment,
    )
  const first = await post({ uri: BIG_URI, text: 'Premier !', name: 'Lecteur 0' })
  await post({ uri: BIG_URI, text: 'Deuxième.', name: 'Lectrice', parentId: first.id })
  await post({ uri: STALLED_URI, text: STALLED_TEXT })
  for (let i = 1; i <= 10; i++) {
    await post({ uri: SMALL_URI, text: `Petit commentaire ${i}, *court*.`, name: `Lecteur ${i}` })
  }
  const templates = []
  for (const text of TEMPLATES) {
    const res = await expectStatus(200, `${origin}/api/preview`, { method: 'POST', body: { text } })
    templates.push({ text, html: JSON.parse(res.body.toString()).html })
  }
  await stop(server.child)

  const db = new Database(dbPath)
  try {
    return db.transaction(() => {
      copyComment(db, STALLED_URI, STALLED_COMMENTS - 1)
      const ids = fillThread(db, templates, BIG_COMMENTS - 2)
      db.prepare('UPDATE threads SET version = version + 1').run()
      return ids
    })()
  } finally {
    db.close()
  }
}

/** Inserts `count` copies of the thread's first comment, each a new top-level comment. */
function copyComment(db, uri, count) {
  const row = db
    .prepare('SELECT c.* FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.uri = ?')
    .get(uri)
  const insert = insertStatement(db)
  for (let i = 1; i <= count; i++) {
    insert.run({ ...rowDefaults(row.thread_id), text: row.text, html: row.html, name: '' })
  }
}

/**
 * ~1,000 top-level comments, a few with long conversations, the others with a Poisson-like few
 * replies each, 1 to 3 levels deep; inserted oldest first, before the comments the API posted.
 */
function fillThread(db, templates, count) {
  const threadId = db.prepare('SELECT id FROM threads WHERE uri = ?').pluck().get(BIG_URI)
  const random = mulberry32(5000)
  const pick = (items) => items[Math.floor(random() * items.length)]
  // A month ago, so that every seeded comment is older than the ones the API just posted.
  const start = Date.now() - 30 * 24 * 3600_000
  const comments = []
  const roots = []
  for (let r = 0; r < ROOTS; r++) {
    const root = { at: start + r * 2_000_000, depth: 0, parent: null, tree: [] }
    root.tree.push(root)
    roots.push(root)
    comments.push(root)
  }
  const addReply = (root) => {
    const parent = pick(root.tree.filter((node) => node.depth < 3))
    const reply = { at: parent.at + 1 + Math.floor(random() * 3_600_000), depth: parent.depth + 1 }
    Object.assign(reply, { parent, root })
    root.tree.push(reply)
    comments.push(reply)
  }
  for (const [rank, replies] of LONG_CONVERSATIONS) {
    for (let i = 0; i < replies; i++) addReply(roots[rank])
  }
  const others = roots.filter((_, rank) => !LONG_CONVERSATIONS.has(rank))
  while (comments.length < count) addReply(pick(others))

  comments.sort((a, b) => a.at - b.at)
  const insert = insertStatement(db)
  const ids = []
  comments.forEach((comment, index) => {
    const n = String(index + 1)
    const template = pick(templates)
    const row = {
      ...rowDefaults(threadId),
      parent_id: comment.parent?.id ?? null,
      root_id: comment.root?.id ?? null,
      text: template.text.replaceAll(PLACEHOLDER, n),
      html: template.html.replaceAll(PLACEHOLDER, n),
      name: `Lecteur ${n}`,
      website: index % 4 === 0 ? `https://reader${n}.example/` : null,
      created_at: comment.at,
    }
    comment.id = Number(insert.run(row).lastInsertRowid)
    ids.push(comment.id)
  })
  return ids
}

function insertStatement(db) {
  return db.prepare(
    `INSERT INTO comments (thread_id, parent_id, root_id, text, html, name, email, website, avatar,
       client_hash, token_hash, status, created_at, text_hash, visible)
     VALUES (@thread_id, @parent_id, @root_id, @text, @html, @name, NULL, @website, @avatar,
       @client_hash, @token_hash, 'published', @created_at, NULL, 1)`,
  )
}

let lastCreatedAt = 0

function rowDefaults(threadId) {
  lastCreatedAt = Math.max(lastCreatedAt + 1, Date.now() - 3600_000)
  return {
    thread_id: threadId,
    parent_id: null,
    root_id: null,
    website: null,
    avatar: randomBytes(8).toString('hex'),
    client_hash: randomBytes(32).toString('hex'),
    token_hash: randomBytes(32).toString('hex'),
    created_at: lastCreatedAt,
  }
}

/** A small seeded PRNG, so that every run benches the same thread. */
function mulberry32(seed) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
