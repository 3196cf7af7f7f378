import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

// scrypt with r = 8 and N = 2^cost. The cost comes from CAUSERIE_PASSWORD_COST (server/config.ts):
// 15 by default, 32 MiB and about 50 ms per try on a small server, the cost Node's own
// documentation uses; enough to make a stolen hash slow to crack, cheap enough that the login
// limit (5 a minute per client) matters more than CPU. Tests pass a small cost.
const BLOCK_SIZE = 8
const KEY_BYTES = 32
const SALT_BYTES = 16
const PREFIX = 'scrypt'

/**
 * Hashes a password as "scrypt$N$r$p$salt$key" (base64url), with a fresh random salt and
 * N = 2^cost. The hash keeps its parameters, so a later change of cost never breaks a login.
 */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const params = { N: 2 ** cost, r: BLOCK_SIZE, p: 1 }
  const key = await derive(password, salt, params)
  const { N, r, p } = params
  return [PREFIX, N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Checks a password against a stored hash in constant time; a malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [prefix, n, r, p, salt, key] = stored.split('$')
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  if (prefix !== PREFIX || !salt || !key || !Object.values(params).every(Number.isSafeInteger)) {
    return false
  }
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params, expected.length)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
  length = KEY_BYTES,
): Promise<Buffer> {
  // Node refuses more than 32 MiB by default; N = 2^15 with r = 8 needs exactly that, plus change.
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}
