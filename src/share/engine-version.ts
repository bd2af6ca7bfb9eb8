/**
 * The version of the simulation's behaviour that a share link, a saved session or an exported
 * scenario records. Replaying a command log gives the same cluster only on the engine and
 * console that recorded it, so a link made with another version still opens, with a notice that
 * the results may differ.
 *
 * Bump it (by one) in the same change that makes a replay come out differently: a change to the
 * engine's or the console's behaviour that moves a golden scenario's `expected.jsonl`, a lesson
 * replay or the seeded generator. UI-only and documentation changes leave it alone, so links do
 * not warn for nothing. It is a number of its own rather than package.json's version because
 * releases happen for many reasons that do not change a replay. See docs/sharing.md.
 */
export const ENGINE_VERSION = 1;
