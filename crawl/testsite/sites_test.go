package testsite

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

const sitesDir = "../../testdata/sites"

// fixtureSources is the part of testdata/sites/sources.toml these tests read.
type fixtureSources struct {
	Site []struct {
		Name    string   `toml:"name"`
		Hosts   []string `toml:"hosts"`
		Start   []string `toml:"start"`
		Article []string `toml:"article"`
		Listing []string `toml:"listing"`
		Never   []string `toml:"never"`
	} `toml:"site"`
}

func loadFixtureSources(t *testing.T) fixtureSources {
	t.Helper()
	var src fixtureSources
	if _, err := toml.DecodeFile(filepath.Join(sitesDir, "sources.toml"), &src); err != nil {
		t.Fatal(err)
	}
	return src
}

// fixtureURL returns the URL a file of the tree is served at (the inverse of
// FileName): "@" starts the query, index.html is the directory.
func fixtureURL(host, rel string) string {
	rel = filepath.ToSlash(rel)
	p, q, hasQuery := strings.Cut(rel, "@")
	p = strings.TrimSuffix(p, "index.html")
	u := "https://" + host + "/" + (&url.URL{Path: p}).EscapedPath()
	if hasQuery {
		u += "?" + strings.ReplaceAll(q, "%2F", "/")
	}
	return u
}

// decode returns a page as UTF-8, decoding windows-1258 when the
// Content-Type header or a meta tag says so.
func decode(ctype string, body []byte) string {
	if strings.Contains(strings.ToLower(ctype), "windows-1258") ||
		bytes.Contains(bytes.ToLower(body[:min(len(body), 1024)]), []byte("charset=windows-1258")) {
		out, err := charmap.Windows1258.NewDecoder().Bytes(body)
		if err == nil {
			return norm.NFC.String(string(out))
		}
	}
	return string(body)
}

// TestFixtureSites serves every file of testdata/sites, parses every HTML
// page with x/net/html and checks that its links resolve (or are excluded by
// the site's never patterns, or point at images and scripts).
func TestFixtureSites(t *testing.T) {
	s, err := New(sitesDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	src := loadFixtureSources(t)
	never := map[string][]*regexp.Regexp{}
	for _, site := range src.Site {
		for _, h := range site.Hosts {
			for _, p := range site.Never {
				never[h] = append(never[h], regexp.MustCompile(p))
			}
		}
	}
	hosts, err := os.ReadDir(sitesDir)
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]string{} // link → page it was found on
	for _, h := range hosts {
		if !h.IsDir() {
			continue
		}
		host := h.Name()
		t.Run(host, func(t *testing.T) {
			resp, robots := get(t, s, "GET", "https://"+host+"/robots.txt", nil)
			if resp.StatusCode != 200 || !strings.Contains(robots, "User-agent:") {
				t.Errorf("robots.txt: %d %q", resp.StatusCode, robots)
			}
			root := filepath.Join(sitesDir, host)
			err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(p, ".headers") {
					return err
				}
				rel, _ := filepath.Rel(root, p)
				u := fixtureURL(host, rel)
				resp, body := get(t, s, "GET", u, nil)
				if resp.StatusCode != 200 {
					t.Errorf("%s (%s): status %d", u, rel, resp.StatusCode)
					return nil
				}
				ctype := resp.Header.Get("Content-Type")
				if !strings.HasPrefix(ctype, "text/html") {
					return nil
				}
				text := decode(ctype, []byte(body))
				if !utf8.ValidString(text) {
					t.Errorf("%s: not valid UTF-8 after decoding %q", rel, ctype)
				}
				doc, err := html.Parse(strings.NewReader(text))
				if err != nil {
					t.Errorf("%s: %v", rel, err)
					return nil
				}
				var title string
				for n := range doc.Descendants() {
					switch {
					case n.Type == html.ElementNode && n.Data == "title" && n.FirstChild != nil:
						title = n.FirstChild.Data
					case n.Type == html.ElementNode && n.Data == "a":
						for _, a := range n.Attr {
							if a.Key == "href" {
								if ref, err := resp.Request.URL.Parse(a.Val); err == nil && ref.Scheme != "javascript" {
									ref.Fragment = ""
									links[ref.String()] = rel
								}
							}
						}
					}
				}
				if strings.TrimSpace(title) == "" {
					t.Errorf("%s: no <title>", rel)
				}
				if strings.Contains(text, "article") && strings.Contains(rel, "bai-viet") && !strings.Contains(text, "<!-- gold: ") {
					t.Errorf("%s: article without its gold comment", rel)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Run("links", func(t *testing.T) {
		for link, from := range links {
			u, _ := url.Parse(link)
			if _, ok := s.sites[hostOf(u.Host)]; !ok {
				continue // another web site
			}
			if isAsset(u.Path) || matchesAny(never[u.Host], link) {
				continue
			}
			resp, _ := get(t, s, "GET", link, nil)
			if resp.StatusCode != 200 {
				t.Errorf("%s, linked from %s: status %d", link, from, resp.StatusCode)
			}
		}
	})
}

func isAsset(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".svg", ".css", ".js":
		return true
	}
	return false
}

func matchesAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// TestFixtureSources checks testdata/sites/sources.toml against the tree:
// every start point is served, and each article pattern matches at least one
// article page and no listing page.
func TestFixtureSources(t *testing.T) {
	s, err := New(sitesDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, site := range loadFixtureSources(t).Site {
		t.Run(site.Name, func(t *testing.T) {
			for _, start := range site.Start {
				if resp, _ := get(t, s, "GET", start, nil); resp.StatusCode != 200 {
					t.Errorf("start %s: status %d", start, resp.StatusCode)
				}
			}
			var articles, listings int
			for _, host := range site.Hosts {
				root := filepath.Join(sitesDir, host)
				_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(p, ".headers") {
						return nil
					}
					rel, _ := filepath.Rel(root, p)
					u := fixtureURL(host, rel)
					data, _ := os.ReadFile(p)
					isArticle := bytes.Contains(data, []byte("<!-- gold: "))
					for _, pat := range site.Article {
						if regexp.MustCompile(pat).MatchString(u) {
							if !isArticle {
								t.Errorf("article pattern %s matches %s, which is not an article", pat, u)
							}
							articles++
						}
					}
					for _, pat := range site.Listing {
						if regexp.MustCompile(pat).MatchString(u) {
							listings++
						}
					}
					return nil
				})
			}
			if articles == 0 {
				t.Errorf("no article page matches %q", site.Article)
			}
			if len(site.Listing) > 0 && listings == 0 {
				t.Errorf("no listing page matches %q", site.Listing)
			}
		})
	}
}

// TestFixtureFeatures checks the properties the crawler tests rely on.
func TestFixtureFeatures(t *testing.T) {
	s, err := New(sitesDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t.Run("windows-1258 in the header", func(t *testing.T) {
		resp, body := get(t, s, "GET", "https://congan.hatinh.gov.vn/bai-viet/khoi-thi-dua-noi-chinh-tinh-ky-giao-uoc-thi-dua-nam-2020_1582793311.caht", nil)
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=windows-1258" {
			t.Errorf("Content-Type %q", ct)
		}
		if utf8.ValidString(body) {
			t.Error("the windows-1258 page is valid UTF-8: it is not really encoded")
		}
		if !strings.Contains(body, "\xec") && !strings.Contains(body, "\xf2") {
			t.Error("no combining tone mark bytes (0xEC acute, 0xF2 dot below)")
		}
		if text := decode(resp.Header.Get("Content-Type"), []byte(body)); !strings.Contains(text, "Khối thi đua Nội chính tỉnh gồm 9 đơn vị") {
			t.Error("decoded page lacks the gold sentence")
		}
	})
	t.Run("windows-1258 only in meta", func(t *testing.T) {
		resp, body := get(t, s, "GET", "https://congan.hatinh.gov.vn/bai-viet/cong-an-5-thanh-pho-ky-giao-uoc-thi-dua-nam-2020_1581669240.caht", nil)
		if ct := resp.Header.Get("Content-Type"); ct != "text/html" {
			t.Errorf("Content-Type %q, want no charset", ct)
		}
		if !strings.Contains(body, `charset=windows-1258">`) || utf8.ValidString(body) {
			t.Error("page does not declare windows-1258 in a meta tag, or is not encoded so")
		}
	})
	t.Run("syndicated copy", func(t *testing.T) {
		const path = "/tu-phap/vinh-phuc-cac-co-quan-khoi-noi-chinh-ky-ket-giao-uoc-thi-dua-nam-2021-578232.html"
		r1, a := get(t, s, "GET", "https://baophapluat.vn"+path, nil)
		r2, b := get(t, s, "GET", "https://m.baophapluat.vn"+path, nil)
		if a != b || r1.Header.Get("ETag") != r2.Header.Get("ETag") {
			t.Error("the two copies differ")
		}
		if !strings.Contains(b, `<link rel="canonical" href="https://baophapluat.vn`+path+`">`) {
			t.Error("the copy has no rel=canonical to the original")
		}
	})
	t.Run("sharepoint case and session ids", func(t *testing.T) {
		for _, u := range []string{
			"https://thads.moj.gov.vn/binhdinh/noidung/tintuc/lists/hoatdongcuacuc/view_detail.aspx?itemid=256",
			"https://thads.moj.gov.vn/BinhDinh/NoiDung/TinTuc/Lists/HoatDongCuaCuc/View_Detail.aspx?ItemID=256",
			"https://vksbinhdinh.gov.vn/newsdetail.asp;jsessionid=8F3A21C9?newsID=88412&cat1id=2&Cat2id=6",
			"https://vksbinhdinh.gov.vn/newsdetail.asp?newsID=92975&cat1id=2&Cat2id=6&sid=5512",
		} {
			if resp, _ := get(t, s, "GET", u, nil); resp.StatusCode != 200 {
				t.Errorf("%s: %d", u, resp.StatusCode)
			}
		}
	})
	t.Run("robots disallow target exists", func(t *testing.T) {
		resp, _ := get(t, s, "GET", "https://thads.moj.gov.vn/_layouts/15/Authenticate.aspx", nil)
		_, robots := get(t, s, "GET", "https://thads.moj.gov.vn/robots.txt", nil)
		if resp.StatusCode != 200 || !strings.Contains(robots, "Disallow: /_layouts/") {
			t.Error("the page robots.txt disallows must exist, so that fetching it shows in Stats")
		}
	})
	t.Run("calendar", func(t *testing.T) {
		_, body := get(t, s, "GET", "https://thads.moj.gov.vn/lich/?ngay=2031-05-17", nil)
		if !strings.Contains(body, "/lich/?ngay=2031-05-18") {
			t.Error("calendar page does not link the next day")
		}
	})
}
