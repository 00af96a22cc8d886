package extract_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/thidua/thidua/extract"
)

var update = flag.Bool("update", false, "rewrite testdata/pages/*/*.want.json from ParseHTML")

// pagesDir holds one folder per site, with <slug>.html and <slug>.want.json.
const pagesDir = "../testdata/pages"

// pageFixture is one HTML page of testdata/pages.
type pageFixture struct {
	site, slug string
	html       []byte
}

// path returns the fixture's file with the given extension.
func (f pageFixture) path(ext string) string {
	return filepath.Join(pagesDir, f.site, f.slug+ext)
}

// url is the address the page was fetched from, to resolve its relative links.
func (f pageFixture) url() string { return "https://" + f.site + "/" + f.slug + ".html" }

func pageFixtures(t testing.TB) []pageFixture {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(pagesDir, "*", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures under %s (%v)", pagesDir, err)
	}
	var out []pageFixture
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, pageFixture{
			site: filepath.Base(filepath.Dir(f)),
			slug: strings.TrimSuffix(filepath.Base(f), ".html"),
			html: b,
		})
	}
	return out
}

// TestParseHTMLFixtures compares ParseHTML on every fixture page with its
// .want.json; go test ./extract -run TestParseHTMLFixtures -update rewrites
// them for review in the diff.
func TestParseHTMLFixtures(t *testing.T) {
	for _, f := range pageFixtures(t) {
		t.Run(f.site+"/"+f.slug, func(t *testing.T) {
			got, err := extract.ParseHTML(bytes.NewReader(f.html), f.url())
			if err != nil {
				t.Fatalf("%s: %v", f.path(".html"), err)
			}
			if *update {
				b, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(f.path(".want.json"), append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(f.path(".want.json"))
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			var want extract.Page
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatalf("%s: %v", f.path(".want.json"), err)
			}
			comparePage(t, f.path(".html"), got, want)
		})
	}
}

// comparePage reports every field of got that differs from want.
func comparePage(t *testing.T, name string, got, want extract.Page) {
	t.Helper()
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := 0; i < gv.NumField(); i++ {
		field := gv.Type().Field(i).Name
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if gs, ok := g.([]string); ok && len(gs) == 0 {
			g = []string(nil)
		}
		if ws, ok := w.([]string); ok && len(ws) == 0 {
			w = []string(nil)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: %s\n got %q\nwant %q", name, field, g, w)
		}
	}
}

// TestParseHTMLStructure checks what each fixture is there to show, apart
// from the recorded .want.json: so that -update cannot silently bless a
// regression.
func TestParseHTMLStructure(t *testing.T) {
	for _, tc := range []struct {
		fixture      string
		title        string
		published    string
		canonical    string
		textHas      []string
		textHasNot   []string
		captionsHave []string
		footerHas    string
	}{
		{fixture: "thads.moj.gov.vn/caobang-ky-ket-giao-uoc-2018",
			title:      "Hội nghị phát động và ký kết giao ước thi đua năm 2018 của Khối thi đua các cơ quan Nội chính tỉnh Cao Bằng",
			published:  "2018-03-27",
			textHas:    []string{"Chiều ngày 21/3/2018 tại Sở Tư pháp tỉnh Cao Bằng", "Nông Thúy Quỳnh."},
			textHasNot: []string{"Sign In", "Skip Ribbon Commands", "Các tin đã đưa ngày", "Gặp mặt đầu xuân", "Liên kết website"},
			footerHas:  "tỉnh Cao Bằng"},
		{fixture: "vksbinhdinh.gov.vn/khoi-thi-dua-noi-chinh-tong-ket-2020",
			title:      "Khối Thi đua Nội chính tổ chức Hội nghị tổng kết phong trào thi đua năm 2020",
			textHas:    []string{"Ngày 06/01/2021, tại Trại giam Kim Sơn", "Nguyễn Minh Chung"},
			textHasNot: []string{"CÁC BÀI LIÊN QUAN", "Số lượt truy cập", "Trở về", "©", "DANH MỤC"},
			footerHas:  "© Viện kiểm sát nhân dân tỉnh Bình Định thiết kế và giữ bản quyền"},
		{fixture: "baonghean.vn/day-manh-phong-trao-thi-dua-khoi-noi-chinh-luc-luong-vu-trang",
			title:        "Đẩy mạnh các phong trào thi đua yêu nước trong Khối Nội chính - Lực lượng vũ trang",
			published:    "2024-03-19T17:01:00+07:00",
			canonical:    "https://baonghean.vn/day-manh-cac-phong-trao-thi-dua-yeu-nuoc-trong-khoi-noi-chinh-luc-luong-vu-trang-10278051.html",
			textHas:      []string{"(Baonghean.vn) - Chiều ngày 19/3", "gồm 8 đơn vị"},
			textHasNot:   []string{"IMG_0528", "Ảnh: KL", "Đọc thêm", "Đọc nhiều", "Từ khóa", "Facebook", "Thứ Bảy, 23/03/2024"},
			captionsHave: []string{"Ông Nguyễn Công Hoan - Phó Giám đốc Sở Tư pháp thông qua nội dung phát động phong trào thi đua yêu nước khối Nội chính - Lực lượng vũ trang năm 2024. Ảnh: KL"},
			footerHas:    "tỉnh Nghệ An"},
		{fixture: "baophapluat.vn/vinh-phuc-khoi-noi-chinh-ky-ket-giao-uoc-2021",
			title:      "Vĩnh Phúc: Các cơ quan Khối Nội chính ký kết giao ước thi đua năm 2021",
			published:  "2021-03-18T09:12:00+07:00",
			canonical:  "https://baophapluat.vn/vinh-phuc-cac-co-quan-khoi-noi-chinh-ky-ket-giao-uoc-thi-dua-nam-2021-post378232.html",
			textHas:    []string{"(PLVN) - “Đoàn kết, kỷ cương", "các đơn vị trong khối thi đua quyết tâm phấn đấu"},
			textHasNot: []string{"Cùng chuyên mục", "Đọc thêm", "Sở Tư pháp Vĩnh Phúc tổng kết công tác năm 2020"},
			footerHas:  "Bộ Tư pháp"},
		{fixture: "baobinhduong.vn/soi-noi-hoi-thao-khoi-thi-dua-noi-chinh-2022",
			title:      "Sôi nổi Hội thao Khối thi đua Nội chính tỉnh năm 2022",
			published:  "2022-11-17T08:56:50+07:00",
			textHas:    []string{"Vừa qua, Viện Kiểm sát nhân dân tỉnh", "T.VĂN"},
			textHasNot: []string{"Chia sẻ bài viết", "LƯU Ý", "Gửi file", "Quay lên trên", "Thời sự", "Công an tỉnh ra quân"},
			footerHas:  "tỉnh Bình Dương"},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			site, slug, _ := strings.Cut(tc.fixture, "/")
			f := pageFixture{site: site, slug: slug}
			b, err := os.ReadFile(f.path(".html"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := extract.ParseHTML(bytes.NewReader(b), f.url())
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tc.title {
				t.Errorf("Title = %q, want %q", p.Title, tc.title)
			}
			if p.Published != tc.published {
				t.Errorf("Published = %q, want %q", p.Published, tc.published)
			}
			if tc.canonical != "" && p.Canonical != tc.canonical {
				t.Errorf("Canonical = %q, want %q", p.Canonical, tc.canonical)
			}
			for _, s := range tc.textHas {
				if !strings.Contains(p.Text, s) {
					t.Errorf("Text lacks %q", s)
				}
			}
			for _, s := range tc.textHasNot {
				if strings.Contains(p.Text, s) {
					t.Errorf("Text holds %q", s)
				}
			}
			for _, s := range tc.captionsHave {
				found := false
				for _, c := range p.Captions {
					found = found || c == s
				}
				if !found {
					t.Errorf("Captions lack %q (have %q)", s, p.Captions)
				}
			}
			if !strings.Contains(p.Footer, tc.footerHas) {
				t.Errorf("Footer = %q, lacks %q", p.Footer, tc.footerHas)
			}
			if strings.Contains(p.Text, p.Title) && strings.HasPrefix(p.Text, p.Title) {
				t.Errorf("Text starts with the title")
			}
		})
	}
}

func TestParseHTMLCanonical(t *testing.T) {
	for _, tc := range []struct {
		name, html, pageURL, want string
	}{
		{"relative canonical resolved", `<link rel="canonical" href="/a/b.html">`, "https://baonghean.vn/x/y.html", "https://baonghean.vn/a/b.html"},
		{"relative canonical without page URL", `<link rel="canonical" href="/a/b.html">`, "", ""},
		{"og:url when no canonical", `<meta property="og:url" content="https://baophapluat.vn/p.html">`, "", "https://baophapluat.vn/p.html"},
		{"javascript link refused", `<link rel="canonical" href="javascript:void(0)">`, "https://a.vn/", ""},
		{"none", `<p>Không có liên kết.</p>`, "https://a.vn/", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := extract.ParseHTML(strings.NewReader("<html><head>"+tc.html+"</head><body></body></html>"), tc.pageURL)
			if err != nil {
				t.Fatal(err)
			}
			if p.Canonical != tc.want {
				t.Errorf("Canonical = %q, want %q", p.Canonical, tc.want)
			}
		})
	}
}

func TestParseHTMLDates(t *testing.T) {
	body := "<p>Chiều 27/2, tại Cục Thi hành án dân sự tỉnh, Khối thi đua nội chính tỉnh tổ chức hội nghị, phát động phong trào, ký giao ước thi đua năm 2020.</p>"
	for _, tc := range []struct {
		name, head, top, want string
	}{
		{"article:published_time", `<meta property="article:published_time" content="2024-03-19T10:01:00Z">`, "", "2024-03-19T17:01:00+07:00"},
		{"JSON-LD datePublished without zone", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-18T09:12:00"}</script>`, "", "2021-03-18T09:12:00+07:00"},
		{"JSON-LD @graph", `<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"Article","datePublished":"2020-02-28"}]}</script>`, "", "2020-02-28"},
		{"JSON-LD list, @type list, main entity", `<script type="application/ld+json">[{"@type":"WebSite","name":"Báo"},{"@type":["WebPage"],"mainEntityOfPage":{"@type":["ReportageNewsArticle"],"datePublished":"2022-01-03T08:00:00+07:00"}}]</script>`, "", "2022-01-03T08:00:00+07:00"},
		{"JSON-LD date of another type than a string", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":20220103,"@graph":[{"@type":"Article","datePublished":"2022-01-04"}]}</script>`, "", "2022-01-04"},
		{"broken JSON-LD ignored", `<script type="application/ld+json">{"@type":"NewsArticle",</script>`, "", ""},
		{"time datetime", "", `<time datetime="2022-07-29T08:00:00+07:00">29/07/2022</time>`, "2022-07-29T08:00:00+07:00"},
		{"date line under the title", "", `<div>Thứ Ba, 19/03/2024 - 17:01</div>`, "2024-03-19T17:01:00+07:00"},
		{"update line", "", `<div>Cập nhật lúc: 07/02/2018</div>`, "2018-02-07"},
		{"date inside a sentence is not one", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><head><title>Khối thi đua Nội chính ký giao ước thi đua năm 2020</title>" + tc.head +
				"</head><body><h1>Khối thi đua Nội chính ký giao ước thi đua năm 2020</h1>" + tc.top + body + body + "</body></html>"
			p, err := extract.ParseHTML(strings.NewReader(page), "")
			if err != nil {
				t.Fatal(err)
			}
			if p.Published != tc.want {
				t.Errorf("Published = %q, want %q", p.Published, tc.want)
			}
			if strings.Contains(p.Text, "17:01") || strings.Contains(p.Text, "Cập nhật") {
				t.Errorf("Text keeps the date line: %q", p.Text)
			}
		})
	}
}

func ExampleParseText() {
	p := extract.ParseText("Sign In\n\nKhối thi đua Nội chính tỉnh ký giao ước thi đua năm 2018\n\n27/03/2018\n\n" +
		"Chiều ngày 21/3/2018, các cơ quan Khối thi đua Nội chính tỉnh Cao Bằng ký giao ước thi đua.\n" +
		"IMG_0528.JPG\nĐại diện các đơn vị ký giao ước. Ảnh: KL\n\nCác tin đã đưa ngày:")
	fmt.Println(p.Title)
	fmt.Println(p.Published)
	fmt.Println(p.Text)
	fmt.Println(p.Captions)
	// Output:
	// Khối thi đua Nội chính tỉnh ký giao ước thi đua năm 2018
	// 2018-03-27
	// Chiều ngày 21/3/2018, các cơ quan Khối thi đua Nội chính tỉnh Cao Bằng ký giao ước thi đua.
	// [Đại diện các đơn vị ký giao ước. Ảnh: KL]
}

func ExamplePublishedFromText() {
	fmt.Println(extract.PublishedFromText("Sôi nổi Hội thao Khối thi đua Nội chính tỉnh năm 2022\n\nCập nhật: 17-11-2022 | 08:56:50\n\nVừa qua, ..."))
	fmt.Println(extract.PublishedFromText("Tổng kết năm 2020\n\nNgày 06/01/2021, tại Trại giam Kim Sơn, Khối Thi đua Nội chính tổ chức Hội nghị tổng kết."))
	// Output:
	// 2022-11-17T08:56:50+07:00
	//
}

func ExampleParseHTML() {
	page := `<html><head><meta property="og:title" content="Khối Nội chính ký giao ước thi đua">
<meta property="article:published_time" content="2024-03-19T17:01:00+07:00">
<link rel="canonical" href="/khoi-noi-chinh.html"></head>
<body><nav><a href="/">Trang chủ</a></nav><article><h1>Khối Nội chính ký giao ước thi đua</h1>
<p>Chiều 19/3, tại Thanh tra tỉnh, Khối thi đua Nội chính - Lực lượng vũ trang tổ chức Hội nghị ký giao ước thi đua.</p>
<figure><img src="IMG_0528.JPG"><figcaption>Đại diện các đơn vị ký giao ước. Ảnh: KL</figcaption></figure>
</article><footer>© Báo Nghệ An</footer></body></html>`
	p, err := extract.ParseHTML(strings.NewReader(page), "https://baonghean.vn/x.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title)
	fmt.Println(p.Published)
	fmt.Println(p.Canonical)
	fmt.Println(p.Text)
	fmt.Println(p.Captions)
	fmt.Println(p.Footer)
	// Output:
	// Khối Nội chính ký giao ước thi đua
	// 2024-03-19T17:01:00+07:00
	// https://baonghean.vn/khoi-noi-chinh.html
	// Chiều 19/3, tại Thanh tra tỉnh, Khối thi đua Nội chính - Lực lượng vũ trang tổ chức Hội nghị ký giao ước thi đua.
	// [Đại diện các đơn vị ký giao ước. Ảnh: KL]
	// © Báo Nghệ An
}
