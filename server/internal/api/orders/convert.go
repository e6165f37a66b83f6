package orders

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	statuses     = protoenum.ByName[order.Status, adminv1.OrderStatus](order.Statuses()...)
	kinds        = protoenum.ByName[order.Kind, adminv1.OrderKind](order.Kinds()...)
	priorities   = protoenum.ByName[order.Priority, adminv1.OrderPriority](order.Priorities()...)
	visibilities = protoenum.ByName[order.Visibility, adminv1.OrderCommentVisibility](order.Visibilities()...)
)

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table { return []protoenum.Table{statuses, kinds, priorities, visibilities} }

// Priorities converts the orders' priorities, which alerts share.
var Priorities = priorities

// StatusToProto converts an order's status, for the areas that show it
// (an alert's order).
func StatusToProto(s order.Status) adminv1.OrderStatus { return statuses.ToProto(s) }

// StatusesFromProto converts a filter's statuses, for the portal's.
func StatusesFromProto(ss []adminv1.OrderStatus) []order.Status { return statuses.FromProtos(ss) }

// ToProtoComment converts a comment, for the portal, which shows the
// customer's part of them.
func ToProtoComment(c order.Comment) *adminv1.OrderComment { return toProtoComment(c) }

// ToProtoOrder converts an order, for the areas that answer one (an alert
// turned into an order).
func ToProtoOrder(o order.Order) *adminv1.Order { return toProtoOrder(o) }

func toProtoOrder(o order.Order) *adminv1.Order {
	out := &adminv1.Order{
		Id: ids.Format(ids.Order, o.ID), Number: o.Number,
		OrganizationId: ids.Format(ids.Organization, o.OrganizationID), OrganizationName: o.OrganizationName,
		WorkspaceId: ids.FormatPtr(ids.Workspace, o.WorkspaceID), WorkspaceName: o.WorkspaceName,
		ServiceInstanceId: ids.FormatPtr(ids.Service, o.ServiceInstanceID), ServiceInstanceName: o.ServiceName,
		Title: o.Title, Description: o.Description, Kind: kinds.ToProto(o.Kind), Priority: priorities.ToProto(o.Priority),
		Status: statuses.ToProto(o.Status), StatusTime: timestamppb.New(o.StatusTime),
		AssigneeId: ids.FormatPtr(ids.User, o.AssigneeID), AssigneeName: o.AssigneeName,
		Overdue: o.Overdue, CreatedByEmail: o.CreatedByEmail,
		CreateTime: timestamppb.New(o.CreateTime), UpdateTime: timestamppb.New(o.UpdateTime),
		StepsDone: int32(o.StepsDone), StepsTotal: int32(o.StepsTotal),
	}
	if o.DueDate != nil {
		out.DueDate = o.DueDate.Format("2006-01-02")
	}
	return out
}

func toProtoComment(c order.Comment) *adminv1.OrderComment {
	return &adminv1.OrderComment{
		Id: ids.Format(ids.OrderComment, c.ID), CreateTime: timestamppb.New(c.CreateTime),
		AuthorId: ids.FormatPtr(ids.User, c.AuthorID), AuthorEmail: c.AuthorEmail,
		Visibility: visibilities.ToProto(c.Visibility), Text: c.Text, Code: c.Code, Params: c.Params,
	}
}
