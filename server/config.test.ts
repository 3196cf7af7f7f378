import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'

describe('loadConfig', () => {
  it('has documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      headersTimeoutMs: 15_000,
      requestTimeoutMs: 30_000,
      sendTimeoutMs: 30_000,
      clientConnections: 32,
      database: { kind: 'sqlite', path: 'data/causerie.db' },
      origins: [],
      rateLimit: 5,
      trustProxy: [],
      editMinutes: 15,
      demo: true,
      moderation: 'open',
      adminPassword: null,
      passwordCost: 15,
      maxLinks: 3,
      clientKeyDays: 30,
      votes: 'on',
      smtpUrl: null,
      notifyEmail: null,
      mailFrom: null,
      publicUrl: null,
      webhookUrl: null,
      webhookSecret: null,
    })
  })

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      CAUSERIE_HEADERS_SECONDS: '1',
      CAUSERIE_REQUEST_SECONDS: '2',
      CAUSERIE_SEND_SECONDS: '5',
      CAUSERIE_CLIENT_CONNECTIONS: '0',
      DATABASE_URL: 'sqlite::memory:',
      CAUSERIE_ORIGINS: ' https://blog.example/some/path , http://localhost:4000,',
      CAUSERIE_RATE_LIMIT: '0',
      CAUSERIE_TRUST_PROXY: '10.0.0.1, ::1',
      CAUSERIE_EDIT_MINUTES: '30',
      CAUSERIE_DEMO: 'off',
      CAUSERIE_MODERATION: 'first-time',
      CAUSERIE_ADMIN_PASSWORD: ' correct horse ',
      CAUSERIE_PASSWORD_COST: '12',
      CAUSERIE_MAX_LINKS: '0',
      CAUSERIE_CLIENT_KEY_DAYS: '7',
      CAUSERIE_VOTES: 'up',
      SMTP_URL: 'smtp://user:pass@mail.example:587',
      CAUSERIE_NOTIFY_EMAIL: 'owner@blog.example',
      CAUSERIE_MAIL_FROM: 'comments@blog.example',
      CAUSERIE_PUBLIC_URL: 'https://comments.blog.example/',
      CAUSERIE_WEBHOOK_URL: 'https://ntfy.example/blog',
      CAUSERIE_WEBHOOK_SECRET: 's3cret',
    })
    expect(config).toEqual({
      port: 0,
      host: '0.0.0.0',
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      sendTimeoutMs: 5000,
      clientConnections: 0,
      database: { kind: 'sqlite', path: ':memory:' },
      origins: ['https://blog.example', 'http://localhost:4000'],
      rateLimit: 0,
      trustProxy: ['10.0.0.1', '::1'],
      editMinutes: 30,
      demo: false,
      moderation: 'first-time',
      adminPassword: 'correct horse',
      passwordCost: 12,
      maxLinks: 0,
      clientKeyDays: 7,
      votes: 'up',
      smtpUrl: 'smtp://user:pass@mail.example:587',
      notifyEmail: 'owner@blog.example',
      mailFrom: 'comments@blog.example',
      publicUrl: 'https://comments.blog.example',
      webhookUrl: 'https://ntfy.example/blog',
      webhookSecret: 's3cret',
    })
  })

  it('sends mail from the notify address, else from causerie@ the public host', () => {
    const smtp = { SMTP_URL: 'smtp://mail.example', CAUSERIE_PUBLIC_URL: 'https://c.example/x' }
    expect(loadConfig(smtp).mailFrom).toBe('causerie@c.example')
    expect(loadConfig({ ...smtp, CAUSERIE_NOTIFY_EMAIL: 'me@blog.example' }).mailFrom).toBe(
      'me@blog.example',
    )
  })

  it.each([
    ['sqlite:/var/lib/causerie.db', '/var/lib/causerie.db'],
    ['sqlite:///var/lib/causerie.db', '/var/lib/causerie.db'],
    ['sqlite:data/x.db', 'data/x.db'],
  ])('reads DATABASE_URL %s', (url, path) => {
    expect(loadConfig({ DATABASE_URL: url }).database.path).toBe(path)
  })

  it.each(['0', 'off', 'false', 'no', 'OFF'])('turns the demo off with %s', (value) => {
    expect(loadConfig({ CAUSERIE_DEMO: value }).demo).toBe(false)
  })

  it.each([
    [{ PORT: 'abc' }, /PORT "abc"/],
    [{ PORT: '65536' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ PORT: '80.5' }, /PORT/],
    [{ CAUSERIE_RATE_LIMIT: 'many' }, /CAUSERIE_RATE_LIMIT/],
    [{ CAUSERIE_EDIT_MINUTES: '1e3' }, /CAUSERIE_EDIT_MINUTES/],
    [{ CAUSERIE_DEMO: 'maybe' }, /CAUSERIE_DEMO/],
    [{ CAUSERIE_MODERATION: 'strict' }, /CAUSERIE_MODERATION/],
    [{ CAUSERIE_ORIGINS: 'blog.example' }, /CAUSERIE_ORIGINS entry "blog.example"/],
    [{ CAUSERIE_ORIGINS: 'ftp://blog.example' }, /only http and https/],
    [{ CAUSERIE_TRUST_PROXY: '10.0.0.0/8' }, /CAUSERIE_TRUST_PROXY entry/],
    [{ DATABASE_URL: 'postgres://u@h/db' }, /PostgreSQL store not available yet/],
    [{ DATABASE_URL: 'mysql://u@h/db' }, /DATABASE_URL/],
    [{ DATABASE_URL: 'sqlite:' }, /file path is missing/],
    [{ CAUSERIE_MAX_LINKS: 'some' }, /CAUSERIE_MAX_LINKS/],
    [{ CAUSERIE_CLIENT_KEY_DAYS: '0' }, /CAUSERIE_CLIENT_KEY_DAYS/],
    [{ CAUSERIE_VOTES: 'down' }, /CAUSERIE_VOTES/],
    [{ CAUSERIE_PASSWORD_COST: '3' }, /CAUSERIE_PASSWORD_COST "3": expected .* from 4 to 20/],
    [{ CAUSERIE_PASSWORD_COST: '21' }, /CAUSERIE_PASSWORD_COST/],
    [{ CAUSERIE_HEADERS_SECONDS: '0' }, /CAUSERIE_HEADERS_SECONDS "0"/],
    [{ CAUSERIE_REQUEST_SECONDS: '30s' }, /CAUSERIE_REQUEST_SECONDS "30s"/],
    [{ CAUSERIE_REQUEST_SECONDS: '10' }, /CAUSERIE_HEADERS_SECONDS \(15\) exceeds/],
    [{ SMTP_URL: 'http://mail.example' }, /SMTP_URL/],
    [{ SMTP_URL: 'smtp://mail.example' }, /needs CAUSERIE_PUBLIC_URL/],
    [{ CAUSERIE_NOTIFY_EMAIL: 'me@blog.example' }, /needs SMTP_URL/],
    [{ CAUSERIE_NOTIFY_EMAIL: 'me@x.example\r\nBcc: all@x.example' }, /CAUSERIE_NOTIFY_EMAIL/],
    [{ CAUSERIE_MAIL_FROM: 'Me <me@x.example>' }, /CAUSERIE_MAIL_FROM/],
    [{ CAUSERIE_PUBLIC_URL: 'comments.example' }, /CAUSERIE_PUBLIC_URL/],
    [{ CAUSERIE_WEBHOOK_URL: 'file:///etc/passwd' }, /CAUSERIE_WEBHOOK_URL/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('never repeats the SMTP password in an error', () => {
    expect(() => loadConfig({ SMTP_URL: 'ftp://user:hunter2@mail.example' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    )
  })
})
