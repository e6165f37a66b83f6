package identity

// WatchPasswordChecks calls seen with every hash a sign-in checks.
func WatchPasswordChecks(s *Service, seen func(hash string)) {
	check := s.checkPassword
	s.checkPassword = func(hash, pw string) bool {
		seen(hash)
		return check(hash, pw)
	}
}

// DummyHash is the hash checked when there is no user's hash to check.
func DummyHash(s *Service) string { return s.dummyHash }
