package normalize

import (
	"bytes"
	"strings"
)

// metaCharset finds the charset a page declares in a <meta> element:
// <meta charset="…"> or <meta http-equiv="Content-Type" content="…;
// charset=…">. It is a prescan in the spirit of the HTML standard's, on
// ASCII-lowered bytes: comments are skipped, attributes read with or
// without quotes.
func metaCharset(head []byte) string {
	low := bytes.ToLower(head)
	for i := 0; i < len(low); {
		j := bytes.Index(low[i:], []byte("<"))
		if j < 0 {
			return ""
		}
		i += j
		if bytes.HasPrefix(low[i:], []byte("<!--")) {
			k := bytes.Index(low[i+4:], []byte("-->"))
			if k < 0 {
				return ""
			}
			i += 4 + k + 3
			continue
		}
		if !bytes.HasPrefix(low[i:], []byte("<meta")) || i+5 >= len(low) || !isHTMLSpace(low[i+5]) && low[i+5] != '/' {
			i++
			continue
		}
		attrs, end := readAttrs(head, i+5)
		i = end
		if cs := attrs["charset"]; cs != "" {
			return cs
		}
		if strings.EqualFold(attrs["http-equiv"], "content-type") {
			if cs := headerCharset(attrs["content"]); cs != "" {
				return cs
			}
		}
	}
	return ""
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// readAttrs reads the attributes of a tag from b[i:] up to '>', with
// lower-case names and values as written.
func readAttrs(b []byte, i int) (map[string]string, int) {
	attrs := map[string]string{}
	for i < len(b) {
		for i < len(b) && (isHTMLSpace(b[i]) || b[i] == '/') {
			i++
		}
		if i >= len(b) || b[i] == '>' {
			return attrs, i + 1
		}
		start := i
		for i < len(b) && !isHTMLSpace(b[i]) && b[i] != '=' && b[i] != '>' && b[i] != '/' {
			i++
		}
		name := strings.ToLower(string(b[start:i]))
		for i < len(b) && isHTMLSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] != '=' {
			if _, ok := attrs[name]; !ok {
				attrs[name] = ""
			}
			continue
		}
		i++
		for i < len(b) && isHTMLSpace(b[i]) {
			i++
		}
		var val string
		if i < len(b) && (b[i] == '"' || b[i] == '\'') {
			q := b[i]
			i++
			start = i
			for i < len(b) && b[i] != q {
				i++
			}
			val = string(b[start:i])
			i++
		} else {
			start = i
			for i < len(b) && !isHTMLSpace(b[i]) && b[i] != '>' {
				i++
			}
			val = string(b[start:i])
		}
		if _, ok := attrs[name]; !ok {
			attrs[name] = strings.TrimSpace(val)
		}
	}
	return attrs, i
}
