// The jobs journey's controller (list → filter → detail → "I'm interested" → identity → done):
// the intents it handles and the station's answers to its requests. App routes an intent here
// when this class has an `on` for it (App::apply), so each intent still has exactly one handler.
#pragma once
#include <nlohmann/json.hpp>

#include "core/intent.h"
#include "core/station_client.h"

namespace tx {

class App;

class JobsController {
 public:
  explicit JobsController(App& app) : app_(app) {}
  void open_list();    // home → jobs
  void open_filter();  // the filter (its facets asked for once)
  void load();         // the list, with the filter as chosen
  void on(const intent::JobOpen& x);
  void on(const intent::JobInterest& x);
  void on(const intent::JobAbout& x);
  void on(const intent::FilterDistrict& x);
  void on(const intent::FilterType& x);
  void on(const intent::FilterCategory& x);
  void on(const intent::FilterApply& x);
  void on(const intent::FilterNext& x);
  // Back on the filter's second or third group of choices: the group before (true), as the
  // week's days go back to the weeks; else false (App::back leaves the filter).
  bool back_step();
  // An answer to one of its requests (taken: true); errors are App's (banner, retry).
  bool answer(station::Endpoint e, const nlohmann::json& body);

 private:
  App& app_;
};

}  // namespace tx
