package crawl

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/andybalholm/cascadia"
)

//go:embed sources.toml
var defaultSources []byte

// DefaultUserAgent is sent when the sources file names none: it says who
// crawls and where to read about it.
const DefaultUserAgent = "thidua/0.1 (+https://github.com/thidua/thidua; research crawler)"

// Defaults used when the sources file leaves a setting out.
const (
	DefaultDelay       = 2 * time.Second
	DefaultConcurrency = 4
	DefaultMaxDepth    = 2
	// DefaultMaxPagination bounds how many listing pages are followed from
	// one start point (page 2, 3, ...): endless pagination is a trap.
	DefaultMaxPagination = 20
)

// ErrSources is wrapped by every error about a sources file.
var ErrSources = errors.New("crawl: bad sources file")

// Sources is a parsed, validated sources file: the sites to crawl and the
// politeness settings. Every pattern and selector in it is compiled.
type Sources struct {
	UserAgent     string
	Delay         time.Duration // default delay between two requests to one host
	Concurrency   int           // global bound on requests in flight
	MaxDepth      int           // link-crawl depth beyond start points and listings
	MaxPagination int           // listing pages followed from one start point
	Sites         []*Site
}

// Site is one configured site.
type Site struct {
	Name      string
	Province  string // canonical province name, "" for a national site
	Hosts     []string
	Start     []string
	Article   []*regexp.Regexp // URLs that are articles
	Listing   []*regexp.Regexp // listing pages, revisited every run
	Never     []*regexp.Regexp // URLs never followed
	Delay     time.Duration    // 0: the file's default
	Selectors Selectors
	Line      int // line of the site's [[site]] header
}

// Selectors are the optional CSS selectors of a site, compiled.
type Selectors struct {
	Title, Body, Date string
	title, body, date cascadia.Selector
}

// Site returns the site with that name, or nil.
func (s *Sources) Site(name string) *Site {
	for _, site := range s.Sites {
		if site.Name == name {
			return site
		}
	}
	return nil
}

// SiteForHost returns the site that lists host (lower case, without port).
func (s *Sources) SiteForHost(host string) *Site {
	for _, site := range s.Sites {
		if site.hasHost(host) {
			return site
		}
	}
	return nil
}

func (site *Site) hasHost(host string) bool {
	for _, h := range site.Hosts {
		if h == host {
			return true
		}
	}
	return false
}

// IsArticle reports whether the canonical URL u is an article of the site.
func (site *Site) IsArticle(u string) bool { return matchAny(site.Article, u) }

// IsListing reports whether u is a listing page of the site.
func (site *Site) IsListing(u string) bool { return matchAny(site.Listing, u) }

// IsNever reports whether u must never be followed.
func (site *Site) IsNever(u string) bool { return matchAny(site.Never, u) }

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// file mirrors the TOML layout; durations are strings ("2s").
type file struct {
	UserAgent     string     `toml:"user_agent"`
	Delay         string     `toml:"delay"`
	Concurrency   *int       `toml:"concurrency"`
	MaxDepth      *int       `toml:"max_depth"`
	MaxPagination *int       `toml:"max_pagination"`
	Site          []fileSite `toml:"site"`
}

type fileSite struct {
	Name      string   `toml:"name"`
	Province  string   `toml:"province"`
	Hosts     []string `toml:"hosts"`
	Start     []string `toml:"start"`
	Article   []string `toml:"article"`
	Listing   []string `toml:"listing"`
	Never     []string `toml:"never"`
	Delay     string   `toml:"delay"`
	Selectors struct {
		Title string `toml:"title"`
		Body  string `toml:"body"`
		Date  string `toml:"date"`
	} `toml:"selectors"`
}

var siteName = regexp.MustCompile(`^[a-z0-9-]+$`)

// DefaultSources returns the sources file shipped with thidua: real
// provincial newspapers and government portals with their provinces.
func DefaultSources() (*Sources, error) {
	return LoadSources(strings.NewReader(string(defaultSources)), "default sources.toml")
}

// DefaultSourcesFile returns the text of the shipped sources file.
func DefaultSourcesFile() []byte { return append([]byte(nil), defaultSources...) }

// LoadSources reads and validates a sources file. name names the input in
// errors, which give the line and the reason (and the site and key when the
// problem is a value): "crawl: bad sources file: sources.toml:12: site
// "baonghean": article[0]: error parsing regexp ...".
func LoadSources(r io.Reader, name string) (*Sources, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrSources, name, err)
	}
	loc := newLocator(string(data))
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%w: %s:%d: %s", ErrSources, name, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%w: %s: %w", ErrSources, name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return nil, fmt.Errorf("%w: %s:%d: unknown key %q", ErrSources, name, loc.key(k), k.String())
	}
	bad := func(line int, format string, args ...any) error {
		return fmt.Errorf("%w: %s:%d: %s", ErrSources, name, line, fmt.Sprintf(format, args...))
	}
	s := &Sources{
		UserAgent:     f.UserAgent,
		Delay:         DefaultDelay,
		Concurrency:   DefaultConcurrency,
		MaxDepth:      DefaultMaxDepth,
		MaxPagination: DefaultMaxPagination,
	}
	if s.UserAgent == "" {
		s.UserAgent = DefaultUserAgent
	} else if !strings.Contains(s.UserAgent, "http") {
		return nil, bad(loc.top("user_agent"), "user_agent must carry a contact URL")
	}
	if f.Delay != "" {
		d, err := time.ParseDuration(f.Delay)
		if err != nil || d < 0 {
			return nil, bad(loc.top("delay"), "delay %q is not a duration such as \"2s\"", f.Delay)
		}
		s.Delay = d
	}
	if f.Concurrency != nil {
		if *f.Concurrency < 1 || *f.Concurrency > 256 {
			return nil, bad(loc.top("concurrency"), "concurrency must be between 1 and 256")
		}
		s.Concurrency = *f.Concurrency
	}
	if f.MaxDepth != nil {
		if *f.MaxDepth < 0 || *f.MaxDepth > 10 {
			return nil, bad(loc.top("max_depth"), "max_depth must be between 0 and 10")
		}
		s.MaxDepth = *f.MaxDepth
	}
	if f.MaxPagination != nil {
		if *f.MaxPagination < 0 {
			return nil, bad(loc.top("max_pagination"), "max_pagination must not be negative")
		}
		s.MaxPagination = *f.MaxPagination
	}
	if len(f.Site) == 0 {
		return nil, bad(1, "no [[site]]")
	}
	names := map[string]int{}
	hosts := map[string]string{}
	for i, fs := range f.Site {
		site, err := buildSite(i, fs, loc)
		if err != nil {
			var le *lineError
			if errors.As(err, &le) {
				return nil, bad(le.line, "%s", le.msg)
			}
			return nil, bad(loc.site(i), "%v", err)
		}
		if prev, ok := names[site.Name]; ok {
			return nil, bad(site.Line, "site %q already defined at line %d", site.Name, prev)
		}
		names[site.Name] = site.Line
		for j, h := range site.Hosts {
			if other, ok := hosts[h]; ok {
				return nil, bad(loc.siteKey(i, "hosts"), "site %q: hosts[%d]: host %q already belongs to site %q", site.Name, j, h, other)
			}
			hosts[h] = site.Name
		}
		s.Sites = append(s.Sites, site)
	}
	return s, nil
}

type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }

func buildSite(i int, fs fileSite, loc *locator) (*Site, error) {
	line := loc.site(i)
	fail := func(key, format string, args ...any) error {
		l := line
		if key != "" {
			l = loc.siteKey(i, key)
		}
		return &lineError{l, fmt.Sprintf("site %q: ", fs.Name) + fmt.Sprintf(format, args...)}
	}
	if !siteName.MatchString(fs.Name) {
		return nil, &lineError{loc.siteKeyOr(i, "name"), fmt.Sprintf("site %d: name %q must match [a-z0-9-]+", i+1, fs.Name)}
	}
	site := &Site{Name: fs.Name, Province: fs.Province, Line: line}
	if len(fs.Hosts) == 0 {
		return nil, fail("", "hosts: at least one host is needed")
	}
	for j, h := range fs.Hosts {
		if h == "" || h != strings.ToLower(h) || strings.ContainsAny(h, "/:@ ") {
			return nil, fail("hosts", "hosts[%d]: %q is not a lower-case host name", j, h)
		}
		site.Hosts = append(site.Hosts, h)
	}
	if len(fs.Start) == 0 {
		return nil, fail("", "start: at least one start point is needed")
	}
	for j, st := range fs.Start {
		cu, err := Canonicalize(st)
		if err != nil {
			return nil, fail("start", "start[%d]: %v", j, err)
		}
		if !site.hasHost(hostOf(cu)) {
			return nil, fail("start", "start[%d]: host of %q is not in hosts", j, st)
		}
		site.Start = append(site.Start, cu)
	}
	if len(fs.Article) == 0 {
		return nil, fail("", "article: at least one pattern is needed")
	}
	var err error
	if site.Article, err = compileAll(fs.Article); err != nil {
		return nil, fail("article", "article%v", err)
	}
	if site.Listing, err = compileAll(fs.Listing); err != nil {
		return nil, fail("listing", "listing%v", err)
	}
	if site.Never, err = compileAll(fs.Never); err != nil {
		return nil, fail("never", "never%v", err)
	}
	if fs.Delay != "" {
		d, err := time.ParseDuration(fs.Delay)
		if err != nil || d < 0 {
			return nil, fail("delay", "delay %q is not a duration such as \"1s\"", fs.Delay)
		}
		site.Delay = d
	}
	sel := &site.Selectors
	for _, x := range []struct {
		key string
		src string
		dst *string
		sel *cascadia.Selector
	}{
		{"title", fs.Selectors.Title, &sel.Title, &sel.title},
		{"body", fs.Selectors.Body, &sel.Body, &sel.body},
		{"date", fs.Selectors.Date, &sel.Date, &sel.date},
	} {
		if x.src == "" {
			continue
		}
		c, err := cascadia.Compile(x.src)
		if err != nil {
			return nil, &lineError{loc.selectorKey(i, x.key), fmt.Sprintf("site %q: selectors.%s %q: %v", fs.Name, x.key, x.src, err)}
		}
		*x.dst, *x.sel = x.src, c
	}
	return site, nil
}

func compileAll(srcs []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(srcs))
	for j, src := range srcs {
		re, err := regexp.Compile(src)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", j, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// locator finds the line of a key in the raw TOML text: BurntSushi/toml
// keeps key positions private, so the file is scanned for section headers
// and "key =" lines.
type locator struct {
	lines []string
	sites []int // 0-based line index of each [[site]] header
}

func newLocator(text string) *locator {
	l := &locator{lines: strings.Split(text, "\n")}
	for i, ln := range l.lines {
		if strings.TrimSpace(ln) == "[[site]]" {
			l.sites = append(l.sites, i)
		}
	}
	return l
}

func (l *locator) span(i int) (int, int) {
	if i < 0 || i >= len(l.sites) {
		return 0, len(l.lines)
	}
	end := len(l.lines)
	if i+1 < len(l.sites) {
		end = l.sites[i+1]
	}
	return l.sites[i], end
}

func (l *locator) find(from, to int, key string) int {
	for i := from; i < to && i < len(l.lines); i++ {
		ln := strings.TrimSpace(l.lines[i])
		if strings.HasPrefix(ln, "[") && i > from {
			if strings.HasPrefix(ln, "[[site]]") {
				break
			}
		}
		if rest, ok := strings.CutPrefix(ln, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return 0
}

func (l *locator) top(key string) int {
	end := len(l.lines)
	if len(l.sites) > 0 {
		end = l.sites[0]
	}
	if n := l.find(0, end, key); n > 0 {
		return n
	}
	return 1
}

func (l *locator) site(i int) int {
	if i >= 0 && i < len(l.sites) {
		return l.sites[i] + 1
	}
	return 1
}

func (l *locator) siteKey(i int, key string) int {
	from, to := l.span(i)
	if n := l.find(from, to, key); n > 0 {
		return n
	}
	return l.site(i)
}

func (l *locator) siteKeyOr(i int, key string) int { return l.siteKey(i, key) }

func (l *locator) selectorKey(i int, key string) int {
	from, to := l.span(i)
	for j := from; j < to; j++ {
		if strings.TrimSpace(l.lines[j]) == "[site.selectors]" {
			if n := l.find(j, to, key); n > 0 {
				return n
			}
		}
	}
	return l.siteKey(i, key)
}

// key locates an undecoded key such as site.selectors.titel.
func (l *locator) key(k toml.Key) int {
	last := k[len(k)-1]
	for i, ln := range l.lines {
		ln = strings.TrimSpace(ln)
		if rest, ok := strings.CutPrefix(ln, last); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
		if ln == "["+k.String()+"]" || ln == "[["+k.String()+"]]" {
			return i + 1
		}
	}
	return 1
}
