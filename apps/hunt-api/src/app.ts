/**
 * The player-facing HTTP app is built in libs/hunt (`buildHuntApp`, composed by `startHuntApi`)
 * so that the embedded engine (tools/engine) runs the very same app; this app only wires it.
 */
export { buildHuntApp as buildApp, type HuntAppDeps as AppDeps } from '@hunt/hunt';
