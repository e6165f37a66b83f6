package beszel

import "time"

// HubRecheck is how long what Leitstand learnt about a hub holds.
const HubRecheck = hubRecheck

// SetClock replaces the local clock that times asking the hub again what
// it is. Call it before the provider is used.
func (p *Provider) SetClock(now func() time.Time) { p.now = now }
