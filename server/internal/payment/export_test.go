package payment

// BeforeCharge runs fn after a provider payment is stored and before the
// provider is called: a crash in between when it fails.
func (s *Service) BeforeCharge(fn func() error) { s.beforeCharge = fn }
