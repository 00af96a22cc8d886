package testsite

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// DefaultLastModified is the Last-Modified time of every file whose .headers
// file does not give one.
const DefaultLastModified = "Tue, 02 Jan 2024 03:04:05 GMT"

// defaultModTime is DefaultLastModified as a time.
func defaultModTime() time.Time {
	return time.Date(2024, time.January, 2, 3, 4, 5, 0, time.UTC)
}

// FileName returns the file, relative to a host's folder and with "/"
// separators, that serves u (see the package documentation for the rule). It
// reports false for paths that can never be served: ".." or hidden segments
// and .headers files.
func FileName(u *url.URL) (string, bool) {
	p := u.Path
	if p == "" {
		p = "/"
	}
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if j := strings.IndexByte(seg, ';'); j >= 0 {
			seg = seg[:j]
			segs[i] = seg
		}
		if seg == ".." || strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	p = strings.Join(segs, "/")
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	p = strings.TrimLeft(p, "/")
	if q := cleanQuery(u.RawQuery); q != "" {
		p += "@" + strings.ReplaceAll(q, "/", "%2F")
	}
	if strings.HasSuffix(p, ".headers") {
		return "", false
	}
	return p, true
}

// fileKeyOf maps a request URI given to Put to its file key.
func fileKeyOf(uri string) string {
	u, err := url.ParseRequestURI(uri)
	if err != nil {
		u = &url.URL{Path: uri}
	}
	if k, ok := FileName(u); ok {
		return k
	}
	return uri
}

// ignoredParam reports whether a query parameter is a session or tracking
// parameter that real servers ignore.
func ignoredParam(name string) bool {
	name = strings.ToLower(name)
	switch name {
	case "sid", "jsessionid", "phpsessid", "aspsessionid", "fbclid", "gclid":
		return true
	}
	return strings.HasPrefix(name, "utm_")
}

// cleanQuery drops ignored parameters from a raw query, keeping the others
// in order and as escaped.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	var kept []string
	for _, kv := range strings.Split(raw, "&") {
		if kv == "" {
			continue
		}
		name, _, _ := strings.Cut(kv, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if !ignoredParam(name) {
			kept = append(kept, kv)
		}
	}
	return strings.Join(kept, "&")
}

// pathOnly strips the query from a request URI or file key.
func pathOnly(s string) string {
	if i := strings.IndexAny(s, "?@"); i >= 0 {
		return s[:i]
	}
	return s
}

// contentType gives the type a file is served with when no .headers file
// says otherwise, from the extension of its URL path.
func contentType(p string, body []byte) string {
	switch strings.ToLower(path.Ext(p)) {
	case "", ".html", ".htm", ".asp", ".aspx", ".php", ".caht", ".jsp":
		return "text/html; charset=utf-8"
	case ".xml":
		return "application/xml"
	case ".rss":
		return "application/rss+xml"
	case ".atom":
		return "application/atom+xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".json":
		return "application/json"
	}
	return http.DetectContentType(body)
}

// siteConfig is a host's .site file.
type siteConfig struct {
	calendar        string // path prefix of the calendar trap, "" for none
	caseInsensitive bool
}

func readSiteConfig(name string) (siteConfig, error) {
	var cfg siteConfig
	lines, err := readFields(name)
	if err != nil {
		if os.IsNotExist(err) {
			return cfg, nil
		}
		return cfg, err
	}
	for _, l := range lines {
		switch strings.ToLower(l.name) {
		case "calendar":
			if !strings.HasPrefix(l.value, "/") {
				return cfg, fmt.Errorf("testsite: %s:%d: calendar path must start with /", name, l.line)
			}
			cfg.calendar = l.value
		case "case-insensitive":
			switch l.value {
			case "true":
				cfg.caseInsensitive = true
			case "false":
			default:
				return cfg, fmt.Errorf("testsite: %s:%d: case-insensitive must be true or false, not %q", name, l.line, l.value)
			}
		default:
			return cfg, fmt.Errorf("testsite: %s:%d: unknown setting %q", name, l.line, l.name)
		}
	}
	return cfg, nil
}

type field struct {
	line        int
	name, value string
}

// readFields reads "Name: value" lines; blank lines and lines starting with
// '#' are skipped.
func readFields(name string) ([]field, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var out []field
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("testsite: %s:%d: want \"Name: value\", got %q", name, n, line)
		}
		out = append(out, field{line: n, name: strings.TrimSpace(k), value: strings.TrimSpace(v)})
	}
	return out, sc.Err()
}

// readFile returns the body, headers and ETag of the file that serves key
// on host; headers and ETag come from the file cache while the file keeps
// its size and modification time. The body is read into a buffer of the
// cache, which the caller gives back with s.files.putBody once it is written.
func (s *Server) readFile(host string, cfg siteConfig, key string) ([]byte, fileMeta, error) {
	f, fi, err := s.openFile(host, cfg, key)
	if err != nil {
		return nil, fileMeta{}, err
	}
	defer f.Close()
	name := f.Name()
	meta, cached := s.files.get(name, fi)
	body, err := s.files.readBody(f, fi.Size())
	if err != nil {
		return nil, fileMeta{}, err
	}
	if cached && int64(len(body)) == meta.size {
		return body, meta, nil
	}
	h, err := s.files.header(name, key, body)
	if err != nil {
		s.files.putBody(body)
		return nil, fileMeta{}, err
	}
	meta = fileMeta{size: fi.Size(), modTime: fi.ModTime(), header: h, etag: ETag(body)}
	if int64(len(body)) == fi.Size() { // not changed while read
		s.files.put(name, meta)
	}
	return body, meta, nil
}

// header returns the headers a file is served with: its .headers file, a
// Last-Modified and a Content-Type. Files without header lines of their own
// share one read-only header per content type.
func (c *fileCache) header(name, key string, body []byte) (http.Header, error) {
	fields, err := readFields(name + ".headers")
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	if len(fields) == 0 {
		return c.plainHeader(contentType(pathOnly(key), body)), nil
	}
	h := make(http.Header)
	for _, f := range fields {
		h.Add(f.name, f.value)
	}
	if lm := h.Get("Last-Modified"); lm != "" {
		if _, err := http.ParseTime(lm); err != nil {
			return nil, fmt.Errorf("testsite: %s.headers: Last-Modified %q: %w", name, lm, err)
		}
	} else {
		h.Set("Last-Modified", DefaultLastModified)
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", contentType(pathOnly(key), body))
	}
	return h, nil
}

// openFile opens the file for key under host's folder (see resolve), a
// directory's index.html in its place. On a case-sensitive host the path is
// opened as it is, without a stat first.
func (s *Server) openFile(host string, cfg siteConfig, key string) (*os.File, os.FileInfo, error) {
	name := filepath.Join(s.dir, host, filepath.FromSlash(key))
	if cfg.caseInsensitive {
		var err error
		if name, err = s.resolve(host, cfg, key); err != nil {
			return nil, nil, err
		}
	}
	for range 2 {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		if !fi.IsDir() {
			return f, fi, nil
		}
		f.Close()
		name = filepath.Join(name, "index.html")
	}
	return nil, nil, fmt.Errorf("testsite: %s: %w", name, os.ErrNotExist)
}

// resolve finds the file for key under host's folder: a directory is served
// by its index.html, and on a case-insensitive host every segment may match
// in any case.
func (s *Server) resolve(host string, cfg siteConfig, key string) (string, error) {
	dir := filepath.Join(s.dir, host)
	name := filepath.Join(dir, filepath.FromSlash(key))
	if cfg.caseInsensitive {
		name = dir
		for _, seg := range strings.Split(key, "/") {
			next := filepath.Join(name, seg)
			if _, err := os.Stat(next); err != nil {
				entries, rerr := os.ReadDir(name)
				if rerr != nil {
					return "", err
				}
				for _, e := range entries {
					if strings.EqualFold(e.Name(), seg) {
						next = filepath.Join(name, e.Name())
						break
					}
				}
			}
			name = next
		}
	}
	fi, err := os.Stat(name)
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		name = filepath.Join(name, "index.html")
	}
	return name, nil
}
