package postextract

import "bytes"

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
