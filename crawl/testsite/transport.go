package testsite

import (
	"net/http"
	"time"
)

// Transport returns a RoundTripper that sends every http:// or https:// URL,
// whatever its host, to the server: the scheme is downgraded to http and the
// connection goes to 127.0.0.1:port, while the Host header keeps the URL's
// host so the server can route it. The response's Request is the original
// request, so redirects resolve against the real URL. It works with colly's
// WithTransport and with http.Client.
func (s *Server) Transport() http.RoundTripper {
	return roundTripper{s: s, next: s.transport()}
}

// Client returns an http.Client over Transport with a 30 s timeout.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: s.Transport(), Timeout: 30 * time.Second}
}

func (s *Server) transport() *http.Transport {
	s.rtOnce.Do(func() {
		s.rt = &http.Transport{
			Proxy:               nil,
			MaxIdleConns:        256,
			MaxIdleConnsPerHost: 256,
			IdleConnTimeout:     30 * time.Second,
			DisableCompression:  true,
		}
	})
	return s.rt
}

type roundTripper struct {
	s    *Server
	next *http.Transport
}

func (t roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme = "http"
	out.URL.Host = t.s.Addr()
	if out.Host == "" {
		out.Host = req.URL.Host
	}
	resp, err := t.next.RoundTrip(out)
	if resp != nil {
		resp.Request = req
	}
	return resp, err
}
