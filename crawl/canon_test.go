package crawl

import "testing"

func TestCanonicalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"fragment and case", "HTTPS://BaoNgheAn.VN/a-1.html#comments", "https://baonghean.vn/a-1.html"},
		{"default port", "http://a.vn:80/x", "http://a.vn/x"},
		{"other port kept", "http://a.vn:8080/x", "http://a.vn:8080/x"},
		{"empty path", "https://a.vn", "https://a.vn/"},
		{"tracking dropped, order kept", "https://a.vn/x?utm_source=fb&b=2&fbclid=9&a=1", "https://a.vn/x?b=2&a=1"},
		{"asp query order kept", "https://vksbinhdinh.gov.vn/newsdetail.asp?newsID=88412&cat1id=2&Cat2id=6&sid=5512", "https://vksbinhdinh.gov.vn/newsdetail.asp?newsID=88412&cat1id=2&Cat2id=6"},
		{"session ids dropped", "https://a.vn/x;jsessionid=ABC?PHPSESSID=1&id=3&sid=7", "https://a.vn/x?id=3"},
		{"escaping kept", "https://thads.moj.gov.vn/View_Detail.aspx?ItemID=4479", "https://thads.moj.gov.vn/View_Detail.aspx?ItemID=4479"},
		{"only tracking", "https://a.vn/x?utm_medium=x", "https://a.vn/x"},
		{"percent path", "https://a.vn/ho%CC%A3i.htm", "https://a.vn/ho%CC%A3i.htm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, _ := Canonicalize(got)
			if again != got {
				t.Errorf("not idempotent: %q → %q", got, again)
			}
		})
	}
	for _, bad := range []string{"ftp://a.vn/x", "mailto:x@a.vn", "/relative", "http://%zz"} {
		if _, err := Canonicalize(bad); err == nil {
			t.Errorf("Canonicalize(%q): no error", bad)
		}
	}
}

func TestTrapReason(t *testing.T) {
	tests := []struct {
		name, url string
		trap      bool
	}{
		{"article", "https://a.vn/thoi-su/khoi-noi-chinh-123.html", false},
		{"calendar query", "https://a.vn/lich?month=3&year=2024", true},
		{"calendar path", "https://a.vn/calendar/2024-03", true},
		{"repeated segments", "https://a.vn/tin/a/tin/b/tin/c", true},
		{"deep path", "https://a.vn/1/2/3/4/5/6/7/8/9/10/11/12/13", true},
		{"long", "https://a.vn/" + string(make([]byte, 600)), true},
		{"paging", "https://a.vn/thoi-su/trang-2", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trapReason(tt.url); (got != "") != tt.trap {
				t.Errorf("trapReason(%q) = %q, want trap=%v", tt.url, got, tt.trap)
			}
		})
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{"https://a.vn/x?b=1&a=2#f", "http://A.vn:80", "https://a.vn/x;jsessionid=1", "https://a.vn/?utm_x=1&&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Canonicalize(s)
		if err != nil {
			return
		}
		again, err := Canonicalize(c)
		if err != nil || again != c {
			t.Errorf("not idempotent: %q → %q → %q (%v)", s, c, again, err)
		}
	})
}
