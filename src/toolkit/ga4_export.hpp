// Rows of Google Analytics 4's BigQuery export (the events_YYYYMMDD table extracted as
// newline-delimited JSON) read as the engine's events:
//
//   event_name        -> the event's type. GA4's own "session_start" and "first_visit" are skipped:
//                        the engine counts sessions itself (docs/RULES.md "Events").
//   event_timestamp   -> time: microseconds (UTC) as BigQuery writes an INT64, a string of digits
//                        (a JSON integer is taken too), floored to milliseconds.
//   user_pseudo_id    -> the visitor; user_id when user_pseudo_id is null or absent.
//   event_params      -> one field per parameter, named by its key: value.string_value as a string;
//                        value.int_value (INT64: a string of digits, or a number), float_value or
//                        double_value as a number; the first of these that is not null.
//   items             -> as the storefront forwards GA4's dataLayer (web/src/datalayer.mjs): one item
//                        lifts its item_id, item_category, item_brand (strings), price and quantity
//                        (numbers) to the event unless a parameter of that name came first; several
//                        items give every item's string members as fields (item_id, item_category, ...).
//   ecommerce         -> purchase_revenue becomes "value" when no parameter named value came.
// Every other column (device, geo, traffic_source, user_properties, ...) is read past; a row must
// still be valid JSON throughout. A null column counts as absent.
#pragma once
#include <memory>
#include <string_view>

#include "toolkit/log_rows.hpp"

namespace seg {

// Error codes, one per kind of problem.
//   not_json, not_object, too_deep, repeated_column, no_event_name, bad_timestamp, no_visitor,
//   visitor_too_long, bad_event_params, bad_items, bad_ecommerce
RowResult read_ga4_row(std::string_view row, EventLine& out, RowError& error);

// GA4 event names the reader skips because the engine makes them itself.
bool ga4_engine_made(std::string_view event_name);

std::unique_ptr<RowReader> ga4_row_reader();

}  // namespace seg
