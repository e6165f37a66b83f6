package instance

import (
	"maps"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
)

// instanceOf makes an Instance of a row and the edges it was read with.
func instanceOf(r *ent.ServiceInstance) Instance {
	i := Instance{
		ID: r.ID, OrganizationID: r.OrganizationID, WorkspaceID: r.WorkspaceID, CatalogItemID: r.CatalogItemID,
		Values: Values{Name: r.Name, Notes: r.Notes, MonthlyPriceCents: r.MonthlyPriceCents},
		Status: Status(r.Status), StatusTime: r.StatusTime, Currency: r.Currency,
		DecommissionTime: r.DecommissionTime, CreateTime: r.CreateTime, UpdateTime: r.UpdateTime,
	}
	if o := r.Edges.Organization; o != nil {
		i.OrganizationName = o.Name
	}
	if w := r.Edges.Workspace; w != nil {
		i.WorkspaceName = w.Name
	}
	if c := r.Edges.CatalogItem; c != nil {
		i.CatalogItemName = c.Name
		i.CatalogItemIconURL = blob.URL(catalog.IconPrefix, c.Icon)
	}
	return i
}

func statusChangeOf(r *ent.ServiceStatusChange) StatusChange {
	return StatusChange{
		ID: r.ID, ServiceID: r.ServiceInstanceID, From: Status(r.FromStatus), To: Status(r.ToStatus),
		ChangeTime: r.ChangeTime, ActorID: r.ActorID, ActorEmail: r.ActorEmail, Source: Source(r.Source), Reason: r.Reason,
	}
}

func logbookEntryOf(r *ent.ServiceLogbookEntry) LogbookEntry {
	return LogbookEntry{
		ID: r.ID, ServiceID: r.ServiceInstanceID, CreateTime: r.CreateTime, AuthorID: r.AuthorID, AuthorEmail: r.AuthorEmail,
		Visibility: Visibility(r.Visibility), Text: r.Text, Code: r.Code, Params: maps.Clone(r.Params),
	}
}
