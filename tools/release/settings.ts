/**
 * Facts about the project that every release states, as opposed to facts about one build
 * (identity.ts). Edited here, reviewed like code; docker-context.int.ts checks their shape.
 */
export const RELEASE_SETTINGS = {
  /** Where the code of an image is: its `org.opencontainers.image.source` label (a URL). */
  repositoryUrl: 'https://git.example.com/treasure-hunt/treasure-hunt',
} as const;
