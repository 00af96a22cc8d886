package crawl

import (
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/thidua/thidua/crawl/warc"
)

// TestWARCIPAddress crawls a fixture site on the loopback server and reads
// the archive back: every request and response record names the server's
// address, 127.0.0.1, in WARC-IP-Address (WARC 1.1 §5.13).
func TestWARCIPAddress(t *testing.T) {
	e := newEnv(t)
	e.run(t, WithSites("congan-hatinh"))
	files, err := warc.Files(filepath.Join(e.data, "warc"))
	if err != nil || len(files) == 0 {
		t.Fatalf("warc files %v, %v", files, err)
	}
	count := map[string]int{}
	for _, f := range files {
		err := warc.ReadFile(f, func(rec *warc.Record, loc warc.Location) error {
			typ := rec.Type()
			if typ != warc.TypeRequest && typ != warc.TypeResponse {
				return nil
			}
			count[typ]++
			if ip := rec.Header.Get("WARC-IP-Address"); ip != "127.0.0.1" {
				t.Errorf("%s record for %s (%s@%d): WARC-IP-Address %q, want 127.0.0.1", typ, rec.TargetURI(), filepath.Base(f), loc.Offset, ip)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// robots.txt, the listing and its two articles at least.
	if count[warc.TypeResponse] < 4 || count[warc.TypeRequest] != count[warc.TypeResponse] {
		t.Errorf("records read: %v", count)
	}
}

func TestRemoteIP(t *testing.T) {
	tests := []struct {
		name string
		addr net.Addr
		want string
	}{
		{"IPv4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "127.0.0.1"},
		{"IPv6", &net.TCPAddr{IP: net.ParseIP("2001:db8::7"), Port: 443}, "2001:db8::7"},
		{"IPv6 zone dropped", &net.TCPAddr{IP: net.ParseIP("fe80::1"), Port: 443, Zone: "eth0"}, "fe80::1"},
		{"IPv4-mapped IPv6", &net.TCPAddr{IP: net.ParseIP("::ffff:203.0.113.7"), Port: 80}, "203.0.113.7"},
		{"other net.Addr", &net.UDPAddr{IP: net.IPv4(203, 0, 113, 9), Port: 443}, "203.0.113.9"},
		{"Unix socket", &net.UnixAddr{Name: "/run/x.sock", Net: "unix"}, ""},
		{"nil", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := remoteIP(tt.addr); got != tt.want {
				t.Errorf("remoteIP(%v) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
}

// TestViaProxy: a request sent through a proxy has no server address to
// archive (the connection's is the proxy's).
func TestViaProxy(t *testing.T) {
	req, err := http.NewRequest(http.MethodGet, "https://baonghean.vn/thoi-su", nil)
	if err != nil {
		t.Fatal(err)
	}
	proxy, _ := url.Parse("http://proxy.example:3128")
	tests := []struct {
		name string
		rt   http.RoundTripper
		want bool
	}{
		{"no proxy", &http.Transport{}, false},
		{"proxy", &http.Transport{Proxy: http.ProxyURL(proxy)}, true},
		{"proxy func says direct", &http.Transport{Proxy: func(*http.Request) (*url.URL, error) { return nil, nil }}, false},
		{"another RoundTripper", roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, nil }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := viaProxy(tt.rt, req); got != tt.want {
				t.Errorf("viaProxy = %v, want %v", got, tt.want)
			}
		})
	}
}
