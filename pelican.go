package postextract

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"
)

// Metadata without fences (SPEC "Generators"): a Pelican post starts with
// "Key: value" lines, as Python-Markdown's meta extension reads them, the
// first of them Title. They are the post's front matter, not its text.

// pelicanLists are the Pelican keys whose value is a comma-separated list.
var pelicanLists = map[string]bool{"tags": true, "category": true, "authors": true}

// pelicanHeader reads the Pelican header at the top of rest (blank lines
// already skipped). It is one only when its first line is a Title key and
// the blank line that ends it is not followed by a dash line: a block
// closed by a dash line is Hexo's fence-less front matter.
func pelicanHeader(rest []byte) (frontMatter, bool) {
	var keys []string
	vals := map[string]string{}
	off, end := 0, -1 // end: where the header's text ends
	for off < len(rest) {
		if off > maxFrontMatter {
			return frontMatter{}, false // no header is this long: text
		}
		ln := rest[off:]
		next := len(rest)
		if n := bytes.IndexByte(ln, '\n'); n >= 0 {
			ln, next = ln[:n], off+n+1
		}
		line := strings.TrimRight(string(ln), " \t\r")
		if line == "" {
			end = off
			break
		}
		if k, v, ok := pelicanKey(line); ok {
			if len(keys) == 0 && k != "title" {
				return frontMatter{}, false
			}
			if _, seen := vals[k]; !seen {
				keys = append(keys, k)
			}
			vals[k] = v
		} else if len(keys) > 0 && strings.HasPrefix(line, "    ") {
			// Python-Markdown: an indented line continues the value.
			k := keys[len(keys)-1]
			vals[k] = strings.TrimSpace(vals[k] + " " + strings.TrimSpace(line))
		} else {
			// Python-Markdown would stop here, the line text; but a
			// list item or a dash line is Hexo's fence-less YAML.
			return frontMatter{}, false
		}
		off = next
	}
	if end < 0 {
		end = len(rest)
	}
	body := rest[end:]
	if closedByDashes(body) {
		return frontMatter{}, false // Hexo's: the dash line closes it
	}
	meta := pelicanMeta(keys, vals)
	raw, err := json.Marshal(meta)
	if err != nil {
		return frontMatter{}, false
	}
	return frontMatter{format: "json", raw: raw, meta: meta, pelican: true, body: body}, true
}

// pelicanKey reads a meta line as Python-Markdown does: up to three spaces,
// a key of letters, digits, "_" and "-", a colon, optional white space, the
// value. The key is lower case, as the extension gives it.
func pelicanKey(line string) (key, value string, ok bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return "", "", false
	}
	i := 0
	for i < len(t) && (t[i] == '_' || t[i] == '-' || t[i] >= 'a' && t[i] <= 'z' ||
		t[i] >= 'A' && t[i] <= 'Z' || t[i] >= '0' && t[i] <= '9') {
		i++
	}
	if i == 0 || i >= len(t) || t[i] != ':' {
		return "", "", false
	}
	return strings.ToLower(t[:i]), strings.TrimSpace(t[i+1:]), true
}

// folderCategory is the category Pelican gives a post with none
// (USE_FOLDER_AS_CATEGORY): the name of its folder, unless it sits in the
// site's folder or in content/, Pelican's default PATH, itself.
func folderCategory(ps *postSource) string {
	rel := ps.rel
	if rel == "" {
		rel = ps.path
	}
	dir := path.Dir(rel)
	if dir == "." || dir == "/" || dir == "content" {
		return ""
	}
	return path.Base(dir)
}

// useFolderCategory gives a post with no category its folder's name, when
// its generator reads folders so (pelican).
func useFolderCategory(a *Article, ps *postSource) {
	if len(a.Categories) == 0 && ps != nil && ps.gen != nil && ps.gen.folderCategory {
		if c := folderCategory(ps); c != "" {
			a.Categories = []string{c}
		}
	}
}

// pelicanMeta makes the header's keys a front-matter map, the keys that are
// lists split on commas (on semicolons when there are any, as Pelican's
// ensure_metadata_list reads them).
func pelicanMeta(keys []string, vals map[string]string) map[string]any {
	meta := make(map[string]any, len(keys))
	for _, k := range keys {
		v := vals[k]
		if !pelicanLists[k] {
			meta[k] = v
			continue
		}
		sep := "," // Pelican splits on ";" when the value has one
		if strings.Contains(v, ";") {
			sep = ";"
		}
		var items []any
		for _, p := range strings.Split(v, sep) {
			if p = strings.TrimSpace(p); p != "" {
				items = append(items, p)
			}
		}
		meta[k] = items
	}
	return meta
}

// closedByDashes reports whether the text after a header's blank line goes
// on as Hexo's fence-less front matter would: blank lines, more "key:
// value" lines, YAML list items and indented lines, then a dash line that
// closes the block. Any other line (a "# Heading", prose) is the body's.
func closedByDashes(body []byte) bool {
	for off := 0; off < len(body) && off <= maxFrontMatter; {
		ln := body[off:]
		next := len(body)
		if n := bytes.IndexByte(ln, '\n'); n >= 0 {
			ln, next = ln[:n], off+n+1
		}
		line := strings.TrimRight(string(ln), " \t\r")
		switch _, _, key := pelicanKey(line); {
		case isRun([]byte(line), '-'):
			return true
		case line != "" && !key && !yamlContinues(line):
			return false
		}
		off = next
	}
	return false
}

// yamlContinues reports whether line goes on a YAML mapping: a list item
// ("- go") or an indented line.
func yamlContinues(line string) bool {
	return line[0] == ' ' || line[0] == '\t' || line == "-" || strings.HasPrefix(line, "- ")
}
