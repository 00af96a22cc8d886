package testsite

// Stats counts what the server was asked and what it sent since it started
// or since the last ResetStats.
type Stats struct {
	Requests    int   // every request, whatever its outcome
	Bytes       int64 // response body bytes written (200s and generated bodies; headers not counted)
	NotModified int   // 304 responses
	// ByPath counts requests by host and request URI as received,
	// "baonghean.vn/thoi-su/trang-2" (query included).
	ByPath map[string]int
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.ByPath = make(map[string]int, len(s.stats.ByPath))
	for k, v := range s.stats.ByPath {
		st.ByPath[k] = v
	}
	return st
}

// ResetStats sets every counter to zero.
func (s *Server) ResetStats() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = Stats{}
}

func (s *Server) count(host, uri string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Requests++
	if s.stats.ByPath == nil {
		s.stats.ByPath = make(map[string]int)
	}
	s.stats.ByPath[host+uri]++
}

func (s *Server) countBytes(n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Bytes += n
}

func (s *Server) countNotModified() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.NotModified++
}
