import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, serveSite, type SiteServer } from './support/server.ts';

let site: SiteServer;

beforeAll(async () => {
  site = await serveSite();
});

afterAll(async () => {
  await site?.close();
});

/** The value of the first `attr` in the tag of dist/index.html that matches `tag`. */
function attribute(html: string, tag: RegExp, attr: string): string {
  const element = html.match(tag)?.[0];
  if (element === undefined) throw new Error(`index.html has no tag matching ${String(tag)}`);
  const value = element.match(new RegExp(`${attr}="([^"]*)"`))?.[1];
  if (value === undefined) throw new Error(`${element} has no ${attr}`);
  return value;
}

describe('the static site head', () => {
  const html = () => readFileSync(join(DIST, 'index.html'), 'utf8');

  it('has a real title, a description and social card tags', () => {
    const page = html();
    expect(page).toMatch(/<title>DaemonSet Playground: [^<]+<\/title>/);
    expect(attribute(page, /<meta\s+name="description"[^>]*>/, 'content')).toMatch(/DaemonSets/);
    for (const property of ['og:title', 'og:description', 'og:image', 'og:type']) {
      expect(page).toContain(`property="${property}"`);
    }
    expect(attribute(page, /<meta\s+name="twitter:card"[^>]*>/, 'content')).toBe(
      'summary_large_image',
    );
  });

  it('uses only relative URLs, and each one is served from a sub-path', async () => {
    const page = html();
    const urls = [
      attribute(page, /<link\s+rel="icon"[^>]*>/, 'href'),
      attribute(page, /<link\s+rel="manifest"[^>]*>/, 'href'),
      attribute(page, /<meta\s+property="og:image"[^>]*>/, 'content'),
      attribute(page, /<meta\s+name="twitter:image"[^>]*>/, 'content'),
    ];
    for (const url of urls) {
      expect(url).toMatch(/^\.\//);
      const response = await fetch(new URL(url, site.url));
      expect(response.status, url).toBe(200);
    }
    expect(site.missing).toEqual([]);
  });

  it('ships a manifest whose start URL, scope and icons resolve inside the sub-path', async () => {
    const manifestUrl = new URL('manifest.webmanifest', site.url);
    const manifest = (await (await fetch(manifestUrl)).json()) as {
      name: string;
      start_url: string;
      scope: string;
      icons: { src: string }[];
    };
    expect(manifest.name).toBe('DaemonSet Playground');
    expect(new URL(manifest.start_url, manifestUrl).href).toBe(site.url);
    expect(new URL(manifest.scope, manifestUrl).href).toBe(site.url);
    expect(manifest.icons.length).toBeGreaterThan(0);
    for (const icon of manifest.icons) {
      expect((await fetch(new URL(icon.src, manifestUrl))).status, icon.src).toBe(200);
    }
  });

  it('has a 1200x630 PNG social preview', () => {
    const png = readFileSync(join(DIST, 'social-preview.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // The IHDR chunk holds the width and height as big-endian 32-bit numbers at offset 16.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });
});
