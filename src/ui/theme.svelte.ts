/** The page's colour scheme: follows the system until the learner picks one, then remembers it. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'dsp-theme';

/**
 * Holds the learner's theme choice and the system preference; `resolved` is what is drawn.
 * The choice is written to `<html data-theme>` (index.html reads storage before first paint).
 */
export class ThemeState {
  choice: ThemeChoice = $state('system');
  systemDark: boolean = $state(false);
  /** The scheme in effect right now. */
  resolved: 'light' | 'dark' = $derived(
    this.choice === 'system' ? (this.systemDark ? 'dark' : 'light') : this.choice,
  );

  #media: MediaQueryList | undefined;
  #onChange = (event: MediaQueryListEvent): void => {
    this.systemDark = event.matches;
  };

  /** Reads the stored choice and starts following the system preference. */
  constructor(root: HTMLElement = document.documentElement) {
    this.#root = root;
    this.choice = readStored();
    this.#media = matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = this.#media.matches;
    this.#media.addEventListener('change', this.#onChange);
  }

  #root: HTMLElement;

  /** Flips between light and dark, starting from what is shown now, and remembers the choice. */
  toggle(): void {
    this.set(this.resolved === 'dark' ? 'light' : 'dark');
  }

  /** Sets the choice ('system' forgets it) and writes it to the root element and storage. */
  set(choice: ThemeChoice): void {
    this.choice = choice;
    if (choice === 'system') delete this.#root.dataset.theme;
    else this.#root.dataset.theme = choice;
    try {
      if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Storage may be disabled (private mode); the choice then lasts for this visit only.
    }
  }

  /** Stops listening to the system preference. */
  dispose(): void {
    this.#media?.removeEventListener('change', this.#onChange);
  }
}

function readStored(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}
