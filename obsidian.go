package postextract

import (
	"html"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
)

var (
	embedRE     = regexp.MustCompile(`!\[\[([^\[\]\n]+)\]\]`)
	wikiLinkRE  = regexp.MustCompile(`\[\[([^\[\]\n]+)\]\]`)
	embedSizeRE = regexp.MustCompile(`^\s*(\d+)(?:\s*x\s*(\d+))?\s*$`)
)

// obsidianPass rewrites, outside code, ::: fence lines (their content
// stays), Obsidian embeds (an image file becomes an <img>, a note its
// name) and wiki links (their shown text).
//
// Raw HTML is written as it is, but for g.wikiLinksInHTML, whose sites
// rewrite wiki links in the text before any parsing: there a link in raw
// HTML reads as its text too.
func obsidianPass(s string, regions []region, g *generator) (string, []region) {
	if !strings.Contains(s, ":::") && !strings.Contains(s, "[[") {
		return s, regions // nothing to rewrite, in code or out
	}
	kept := regions // what is written as it is: code, and raw HTML
	if strings.Contains(s, "[[") && strings.Contains(s, "<") {
		kept = withRawHTML(regions, rawHTMLRegions(s))
	}
	var b strings.Builder
	var out []region
	var cs containers // open across code: a container often holds some
	last := 0
	for _, r := range append(kept, region{a: len(s), b: len(s)}) {
		b.WriteString(obsidian(s[last:r.a], last == 0 || s[last-1] == '\n', &cs))
		if r.b > r.a {
			n := b.Len()
			if r.raw && g.wikiLinksInHTML {
				b.WriteString(wikiLinkText(s[r.a:r.b]))
			} else {
				b.WriteString(s[r.a:r.b])
			}
			if !r.raw {
				out = append(out, region{a: n, b: b.Len(), html: r.html})
			}
		}
		last = r.b
	}
	b.WriteString(cs.closeAll())
	return b.String(), out
}

// withRawHTML adds to the code regions the raw HTML regions that overlap
// none of them, marked raw, in order.
func withRawHTML(code, raw []region) []region {
	out := slices.Clone(code)
	for _, r := range raw {
		if !inRegion(code, r.a, r.b) {
			r.raw = true
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].a < out[j].a })
	return out
}

// obsidianMedia are the extensions of the files an Obsidian embed shows
// as a player or viewer: audio, video and PDF.
var obsidianMedia = map[string]bool{
	".mp3": true, ".wav": true, ".m4a": true, ".ogg": true, ".flac": true, ".3gp": true,
	".mp4": true, ".webm": true, ".ogv": true, ".mov": true, ".mkv": true, ".pdf": true,
}

// obsidian rewrites a stretch of text outside code (see obsidianPass);
// lineStart tells whether it starts a line, cs are the containers open.
func obsidian(t string, lineStart bool, cs *containers) string {
	if !strings.Contains(t, ":::") && !strings.Contains(t, "[[") {
		return t
	}
	if strings.Contains(t, ":::") {
		// A fence starts a real line: text that follows code or raw
		// HTML on its line is not one.
		head := ""
		if !lineStart {
			i := strings.IndexByte(t, '\n') + 1
			if i == 0 {
				i = len(t)
			}
			head, t = t[:i], t[i:]
		}
		t = head + cs.fences(t)
	}
	if !strings.Contains(t, "[[") {
		return t
	}
	t = embedRE.ReplaceAllStringFunc(t, func(m string) string {
		target, opt, _ := strings.Cut(m[3:len(m)-2], "|")
		target = strings.TrimSpace(target)
		name, _, _ := strings.Cut(target, "#") // the fragment is Obsidian's display option
		name = strings.TrimSpace(name)
		if obsidianMedia[strings.ToLower(path.Ext(name))] {
			return `<a href="` + html.EscapeString(name) + `"></a>` // a player: a link, no text
		}
		if !isImageFile(name) {
			return target // an embedded note reads as its name
		}
		attrs := ` src="` + html.EscapeString(name) + `"`
		if sz := embedSizeRE.FindStringSubmatch(opt); sz != nil {
			attrs += ` width="` + sz[1] + `"`
			if sz[2] != "" {
				attrs += ` height="` + sz[2] + `"`
			}
		} else if o := strings.TrimSpace(opt); o != "" {
			attrs += ` alt="` + html.EscapeString(o) + `"`
		}
		return "<img" + attrs + ">"
	})
	return wikiLinkText(t)
}

// wikiLinkText rewrites the wiki links of t as the text they show.
func wikiLinkText(t string) string {
	if !strings.Contains(t, "[[") {
		return t
	}
	return wikiLinkRE.ReplaceAllStringFunc(t, func(m string) string {
		target, shown, ok := strings.Cut(m[2:len(m)-2], "|")
		if ok {
			return shown
		}
		return target
	})
}
