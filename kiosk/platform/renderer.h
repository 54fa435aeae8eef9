// Draws the core's draw commands with Dear ImGui's draw lists and the opengl3 backend
// (STACK_NOTES.md: opengl3 works under llvmpipe and SDL's offscreen/EGL driver). ImGui is used
// only as a renderer and font rasteriser here: input, layout and accessibility live in the core.
#pragma once
#include <SDL.h>

#include <string>
#include <vector>

#include "core/ui.h"
#include "platform/font_atlas.h"

namespace tx {

class Renderer {
 public:
  ~Renderer();
  // Creates the ImGui context and GL objects for the window's current GL context.
  bool init(SDL_Window* window, std::string* error);
  int max_texture_size() const { return max_tex_; }
  // Draws one frame into the back buffer (does not swap).
  void draw(const std::vector<DrawCmd>& cmds, Color clear, FontSystem& fonts, int w, int h);
  // Reads the back buffer into a PNG. false + *error on failure.
  bool screenshot(const std::string& path, int w, int h, std::string* error);

 private:
  bool ready_ = false;
  int max_tex_ = 0;
};

}  // namespace tx
