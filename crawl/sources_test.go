package crawl

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const goodSources = `
user_agent = "thidua-test/1 (+http://example.org/contact)"
delay = "0s"
concurrency = 2

[[site]]
name = "baonghean"
province = "Nghệ An"
hosts = ["baonghean.vn"]
start = ["https://baonghean.vn/sitemap.xml#top"]
article = ['^https://baonghean\.vn/[a-z0-9-]+-\d+\.html$']
listing = ['/thoi-su$']
never = ['/tag/']
delay = "1s"
[site.selectors]
title = "h1.title"
body = "div.body"
`

func TestLoadSources(t *testing.T) {
	s, err := LoadSources(strings.NewReader(goodSources), "good.toml")
	if err != nil {
		t.Fatal(err)
	}
	site := s.Site("baonghean")
	switch {
	case s.UserAgent != "thidua-test/1 (+http://example.org/contact)":
		t.Errorf("user agent %q", s.UserAgent)
	case s.Delay != 0 || s.Concurrency != 2 || s.MaxDepth != DefaultMaxDepth:
		t.Errorf("delay %v concurrency %d depth %d", s.Delay, s.Concurrency, s.MaxDepth)
	case site == nil:
		t.Fatal("site baonghean missing")
	case site.Start[0] != "https://baonghean.vn/sitemap.xml":
		t.Errorf("start not canonical: %q", site.Start[0])
	case site.Delay != time.Second || site.Province != "Nghệ An" || site.Line != 6:
		t.Errorf("site %+v", site)
	case !site.IsArticle("https://baonghean.vn/khoi-thi-dua-123.html") || site.IsArticle("https://baonghean.vn/thoi-su"):
		t.Error("article pattern")
	case !site.IsListing("https://baonghean.vn/thoi-su") || !site.IsNever("https://baonghean.vn/tag/x"):
		t.Error("listing/never pattern")
	case s.SiteForHost("baonghean.vn") != site || s.SiteForHost("example.org") != nil:
		t.Error("SiteForHost")
	}
}

func TestLoadSourcesErrors(t *testing.T) {
	site := func(extra string) string {
		return "[[site]]\nname = \"a\"\nhosts = [\"a.vn\"]\nstart = [\"https://a.vn/\"]\narticle = ['\\d+\\.html$']\n" + extra
	}
	tests := []struct {
		name, text, want string
	}{
		{"syntax", "delay = \n", ":1: "},
		{"unknown top key", "delai = \"1s\"\n" + site(""), `:1: unknown key "delai"`},
		{"unknown site key", site("artikel = ['x']\n"), `:6: unknown key "site.artikel"`},
		{"bad regexp", site("never = ['(']\n"), `:6: site "a": never[0]: error parsing regexp`},
		{"bad selector", site("[site.selectors]\ntitle = \"h1[\"\n"), `:7: site "a": selectors.title "h1["`},
		{"bad delay", site("delay = \"soon\"\n"), `:6: site "a": delay "soon"`},
		{"bad name", "[[site]]\nname = \"A B\"\n", `:2: site 1: name "A B"`},
		{"no hosts", "[[site]]\nname = \"a\"\n", `:1: site "a": hosts`},
		{"start off host", "[[site]]\nname = \"a\"\nhosts = [\"a.vn\"]\nstart = [\"https://b.vn/\"]\narticle = ['x']\n", `:4: site "a": start[0]`},
		{"duplicate", site("") + site(""), `:6: site "a" already defined at line 1`},
		{"no sites", "delay = \"1s\"\n", "no [[site]]"},
		{"user agent without contact", "user_agent = \"bot\"\n" + site(""), ":1: user_agent must carry a contact URL"},
		{"concurrency", "concurrency = 0\n" + site(""), ":1: concurrency"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadSources(strings.NewReader(tt.text), "s.toml")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !errors.Is(err, ErrSources) || !strings.Contains(err.Error(), "s.toml"+tt.want) && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), "s.toml:") {
				t.Errorf("error %q does not name the file and line", err)
			}
		})
	}
}

func TestDefaultSources(t *testing.T) {
	s, err := DefaultSources()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Sites) < 20 {
		t.Errorf("only %d sites", len(s.Sites))
	}
	provinces := map[string]bool{}
	for _, site := range s.Sites {
		if site.Province != "" {
			provinces[site.Province] = true
		}
	}
	if len(provinces) < 40 {
		t.Errorf("default sources cover %d provinces, want at least 40", len(provinces))
	}
	for _, name := range []string{"baonghean", "thads", "baophapluat", "congan-hatinh", "quangninh"} {
		if s.Site(name) == nil {
			t.Errorf("default sources lack %s", name)
		}
	}
	gold := map[string]string{
		"https://baonghean.vn/hoi-nghi-so-ket-cum-thi-dua-6-tinh-bac-trung-bo-61796.html":                                "baonghean",
		"https://baobinhduong.vn/soi-noi-hoi-thao-khoi-thi-dua-noi-chinh-tinh-nam-2022-a284262.html":                     "baobinhduong",
		"https://thads.moj.gov.vn/noidung/tintuc/Lists/TinTuDiaPhuong/View_Detail.aspx?ItemID=4479":                      "thads",
		"https://congan.hatinh.gov.vn/bai-viet/khoi-thi-dua-noi-chinh-tinh-ky-giao-uoc-thi-dua-nam-2020_1582793311.caht": "congan-hatinh",
		"https://www.quangninh.gov.vn/Trang/ChiTietTinTuc.aspx?nid=113139":                                               "quangninh",
		"https://baohaiduong.vn/cac-co-quan-khoi-noi-chinh-hai-duong-day-manh-phong-trao-thi-dua-132422.html":            "baohaiduong",
	}
	for u, name := range gold {
		cu, err := Canonicalize(u)
		if err != nil {
			t.Fatal(err)
		}
		site := s.SiteForHost(hostName(cu))
		if site == nil || site.Name != name {
			t.Errorf("%s: site %v, want %s", u, site, name)
			continue
		}
		if !site.IsArticle(cu) {
			t.Errorf("%s: not an article of %s", cu, name)
		}
	}
}
