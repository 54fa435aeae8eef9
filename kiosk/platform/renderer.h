// Draws the core's draw commands with Dear ImGui's draw lists and the opengl3 backend
// (STACK_NOTES.md: opengl3 works under llvmpipe and SDL's offscreen/EGL driver), or with the
// SDL_Renderer backend on SDL's software renderer (`--renderer software`, sw_renderer.h): the
// same draw lists either way. ImGui is used only as a renderer and font rasteriser here: input,
// layout and accessibility live in the core.
#pragma once
#include <SDL.h>

#include <memory>
#include <string>
#include <vector>

#include "core/ui.h"
#include "platform/font_atlas.h"
#include "platform/sw_renderer.h"

namespace tx {

// Uploads the font atlas ImGui just built to the active renderer's texture (font_atlas.cpp).
bool upload_font_texture();

class Renderer {
 public:
  ~Renderer();
  // Creates the ImGui context and GL objects for the window's current GL context, or (software)
  // an SDL software renderer on a window created without SDL_WINDOW_OPENGL.
  bool init(SDL_Window* window, bool software, std::string* error);
  // The drawable size in pixels (software path; the GL path asks SDL_GL_GetDrawableSize).
  void output_size(int* w, int* h) const;
  int max_texture_size() const { return max_tex_; }
  // Draws one frame into the back buffer (does not swap).
  void draw(const std::vector<DrawCmd>& cmds, Color clear, FontSystem& fonts, int w, int h);
  // Shows the frame drawn (GL: swaps the window's buffers).
  void present(SDL_Window* window);
  // Reads the back buffer into a PNG. false + *error on failure.
  bool screenshot(const std::string& path, int w, int h, std::string* error);

 private:
  friend bool upload_font_texture();
  std::unique_ptr<SoftwareBackend> sw_;
  bool ready_ = false;
  int max_tex_ = 0;
};

}  // namespace tx
