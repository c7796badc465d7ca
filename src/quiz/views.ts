// Platform-neutral views: everything a user reads is produced by the core as these
// plain structures, with the final wording. Adapters render them (Block Kit, discord.js
// embeds and components, console text) and escape every string for their platform;
// the core escapes nothing.

export type ViewBlock =
  /** A title line, rendered bold / as a header. */
  | { type: 'heading'; text: string }
  /** A paragraph. `muted` = secondary (context), `quote` = quoted content (e.g. a concept's text). */
  | { type: 'text'; text: string; style?: 'plain' | 'muted' | 'quote' }
  /** A question's options with their full texts: "A) HTTP proxy". `marked` flags the correct ones on a reveal. */
  | { type: 'options'; items: { label: string; text: string; marked?: boolean }[] }
  /** Answer distribution as text bars; `bar` is ready-made ("█████░░░░░"). */
  | { type: 'bars'; rows: { label: string; count: number; percent: number; bar: string; marked: boolean }[] }
  /** Label/value pairs (stats, schedule). */
  | { type: 'fields'; items: { name: string; value: string }[] }
  /** A plain list (leaderboard lines, concept names, suggestions). */
  | { type: 'list'; items: string[]; ordered?: boolean }
  /**
   * A picture the content links to (an http(s) URL the platform fetches itself). The text around
   * it always names it as "alt (url)", so a platform that cannot show it loses nothing.
   * `title`: a caption ("Option B") when the picture belongs to an option.
   */
  | { type: 'image'; url: string; alt: string; title?: string }
  | { type: 'divider' };

export interface ViewButton {
  /** Opaque action id produced by the core, at most 100 chars (Discord custom_id, Slack action_id). Unique within a view. */
  id: string;
  /** Short label, at most 75 chars: "A", "B", "Share to channel". */
  label: string;
  style?: 'primary' | 'danger';
}

export type ViewAction =
  | { type: 'buttons'; buttons: ViewButton[] }
  /**
   * Choose several options, then submit. Slack: checkboxes (action id `id`) plus a Submit
   * button (`submitId`); Discord: a string select (custom id `submitId`, min/max values) that submits
   * on choose. Either way the adapter invokes the core's action with `actionId = submitId`
   * and `values` = the chosen option values.
   */
  | {
      type: 'multiselect';
      id: string;
      submitId: string;
      placeholder: string;
      options: { value: string; label: string }[];
      min: number;
      max: number;
    };

export interface MessageView {
  /** One-line summary: notification text / fallback. Never empty. */
  text: string;
  blocks: ViewBlock[];
  /** Interactive controls, in order. Absent or empty: a message without controls. */
  actions?: ViewAction[];
  /**
   * Optional picture (a chart) that goes with the message; the blocks always carry the same facts.
   * Slack: upload (files upload v2) and show as an image block referencing the file; Discord: an
   * attachment of the reply; the console: written under the data folder (`path`), its path printed.
   */
  image?: ViewImage;
}

export interface ViewImage {
  png: Uint8Array;
  /** e.g. `readiness-dva-c02.png`. */
  filename: string;
  /** Alternative text: what the picture shows, in one line. */
  alt: string;
  width: number;
  height: number;
  /** Where it was written, when it was (console). */
  path?: string;
}
