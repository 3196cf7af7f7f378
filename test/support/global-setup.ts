import { existsSync } from 'node:fs'
import { SERVER_ENTRY } from './server.ts'

// The e2e tests run the server exactly as a user does, from the build output.
export default function checkBuild(): void {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build\` first (npm test does).`)
  }
}
