import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'

/** One answer of a load request: status, body and how long it took (for figures only). */
export interface Timed {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  ms: number
}

/** A keep-alive agent: many requests share a few sockets, as a browser's would. */
export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets })
}

/** One request on the given agent (`false`: a connection of its own). Socket errors reject. */
export function timedRequest(
  url: string,
  agent: Agent | false,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Timed> {
  const { method = 'GET', headers = {}, body } = init
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        }),
      )
    })
    req.on('error', reject)
    if (body === undefined) req.end()
    else {
      req.setHeader('content-length', Buffer.byteLength(body))
      req.end(body)
    }
  })
}

/** A JSON POST/PATCH on the given agent. */
export function timedJson(
  url: string,
  agent: Agent | false,
  method: string,
  value: unknown,
  headers: Record<string, string> = {},
): Promise<Timed> {
  return timedRequest(url, agent, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  })
}

/** A process's resident set size in bytes, from /proc/<pid>/status (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1]
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return Number(kb) * 1024
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
