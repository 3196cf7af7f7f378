import { identicon } from '../lib/identicon.ts'

export interface AvatarProps {
  /** The author's avatar seed from the server: 16 hex digits. */
  seed: string
}

/** The author's identicon, drawn here: no avatar service ever learns who reads (SECURITY.md). */
export function Avatar({ seed }: AvatarProps) {
  const { hue, path } = identicon(seed)
  return (
    <svg
      viewBox="-0.75 -0.75 6.5 6.5"
      aria-hidden="true"
      shape-rendering="crispEdges"
      style={`--h:${hue}`}
    >
      <path d={path} />
    </svg>
  )
}
