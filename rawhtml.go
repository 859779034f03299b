package postextract

import (
	"bytes"
	"strings"
)

// hasHTMLTag reports whether s holds raw HTML as CommonMark reads it inline: an
// open tag (a name, attributes with unquoted, single- or double-quoted
// values, an optional "/", then ">") or a closing tag. A "<" after an odd
// number of backslashes is escaped, a literal.
func hasHTMLTag(s []byte) bool {
	for p := 0; ; {
		i := bytes.IndexByte(s[p:], '<')
		if i < 0 {
			return false
		}
		i += p
		p = i + 1
		if !escaped(s, i) && (openHTMLTag(s[p:]) > 0 || closeHTMLTag(s[p:]) > 0) {
			return true
		}
	}
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// htmlTagName reads [A-Za-z][A-Za-z0-9-]* at the start of s.
func htmlTagName(s []byte) int {
	if len(s) == 0 || !isAlpha(s[0]) {
		return 0
	}
	j := 1
	for j < len(s) && (isAlpha(s[j]) || isDigit(s[j]) || s[j] == '-') {
		j++
	}
	return j
}

func skipBlanks(s []byte, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
		j++
	}
	return j
}

// openHTMLTag reads an open tag after its "<" and returns its length up to
// and with its ">", or 0 when s does not start with one.
func openHTMLTag(s []byte) int {
	j := htmlTagName(s)
	if j == 0 {
		return 0
	}
	for {
		k := skipBlanks(s, j)
		if k < len(s) && s[k] == '>' {
			return k + 1
		}
		if k+1 < len(s) && s[k] == '/' && s[k+1] == '>' {
			return k + 2
		}
		if k == j || k >= len(s) { // an attribute needs white space before it
			return 0
		}
		// attribute name: [a-zA-Z_:][a-zA-Z0-9_.:-]*
		if !(isAlpha(s[k]) || s[k] == '_' || s[k] == ':') {
			return 0
		}
		k++
		for k < len(s) && (isAlpha(s[k]) || isDigit(s[k]) || bytes.IndexByte([]byte("_.:-"), s[k]) >= 0) {
			k++
		}
		j = k
		v := skipBlanks(s, k)
		if v >= len(s) || s[v] != '=' {
			continue
		}
		v = skipBlanks(s, v+1)
		if v >= len(s) {
			return 0
		}
		switch q := s[v]; q {
		case '"', '\'':
			e := bytes.IndexByte(s[v+1:], q)
			if e < 0 {
				return 0
			}
			j = v + 1 + e + 1
		default:
			e := v
			for e < len(s) && bytes.IndexByte([]byte(" \t\n\"'=<>`"), s[e]) < 0 {
				e++
			}
			if e == v {
				return 0
			}
			j = e
		}
	}
}

// closeHTMLTag reads a closing tag after its "<" and returns its length up
// to and with its ">", or 0 when s does not start with one.
func closeHTMLTag(s []byte) int {
	if len(s) == 0 || s[0] != '/' {
		return 0
	}
	j := htmlTagName(s[1:])
	if j == 0 {
		return 0
	}
	if k := skipBlanks(s, 1+j); k < len(s) && s[k] == '>' {
		return k + 1
	}
	return 0
}

// rawHTMLRegions finds the raw HTML of a Markdown body, as CommonMark
// reads it: HTML blocks, whose lines are not Markdown (read as the quick
// sniffing reads them: htmlBlockStart and htmlBlock.after), and the tags
// written inline elsewhere, attributes included. What is inside them is
// no Markdown syntax: an Obsidian [[link]] in an alt or a <figcaption>
// stays as written.
func rawHTMLRegions(s string) []region {
	var out []region
	block, para, start := htmlBlockNone, false, 0
	for ls := 0; ls < len(s); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		line := []byte(s[ls:le])
		rest := bytes.TrimLeft(line, " \t")
		indent := len(line) - len(rest) // tabs count one: enough to tell code
		switch {
		case len(rest) == 0:
			if block == htmlBlockBlank {
				out, block = append(out, region{a: start, b: ls}), htmlBlockNone
			}
			para = false
		case block != htmlBlockNone:
			if block = block.after(rest); block == htmlBlockNone {
				out = append(out, region{a: start, b: le})
			}
		default:
			b := htmlBlockNone
			if indent < 4 {
				b, _ = htmlBlockStart(rest, para)
			}
			if b == htmlBlockNone {
				out = append(out, inlineTags(line, ls)...)
				para = para || indent < 4
				break
			}
			if start, block = ls, b.after(rest[1:]); block == htmlBlockNone {
				out = append(out, region{a: ls, b: le})
			}
		}
		ls = le + 1
	}
	if block != htmlBlockNone {
		out = append(out, region{a: start, b: len(s)})
	}
	return out
}

// inlineTags finds the open and closing tags of a line that starts at
// offset at of the body.
func inlineTags(line []byte, at int) []region {
	var out []region
	for p := 0; ; {
		i := bytes.IndexByte(line[p:], '<')
		if i < 0 {
			return out
		}
		i += p
		n := openHTMLTag(line[i+1:])
		if n == 0 {
			n = closeHTMLTag(line[i+1:])
		}
		if n == 0 || escaped(line, i) {
			p = i + 1
			continue
		}
		out = append(out, region{a: at + i, b: at + i + 1 + n})
		p = i + 1 + n
	}
}
