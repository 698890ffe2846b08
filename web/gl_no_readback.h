// Forced into ImGui's OpenGL3 backend (web/CMakeLists.txt): its glGetIntegerv and glIsEnabled
// calls only back up GL state to restore after each frame, for apps that share the context with
// another renderer. The page's canvas belongs to ImGui alone, and in WebGL each of those ~20
// queries per frame is a synchronous round trip to the GPU process: dropping them took about
// 70 ms off the first frame on a loaded machine (A/B, headless Chromium; issue 7). The answers
// are GL's defaults, which is what the page leaves between frames, and the version WebGL2 has.
#pragma once

#include <GLES3/gl3.h>

inline void headroom_gl_state(GLenum pname, GLint* data) {
  switch (pname) {
    case GL_MAJOR_VERSION: data[0] = 3; break;  // WebGL2 is OpenGL ES 3.0
    case GL_ACTIVE_TEXTURE: data[0] = GL_TEXTURE0; break;
    case GL_BLEND_EQUATION_RGB:
    case GL_BLEND_EQUATION_ALPHA: data[0] = GL_FUNC_ADD; break;
    case GL_BLEND_SRC_RGB:
    case GL_BLEND_SRC_ALPHA: data[0] = GL_ONE; break;
    case GL_VIEWPORT:
    case GL_SCISSOR_BOX: data[0] = data[1] = data[2] = data[3] = 0; break;
    default: data[0] = 0;  // bindings, GL_MINOR_VERSION, GL_NUM_EXTENSIONS, GL_BLEND_DST_*: GL_ZERO
  }
}

#define glGetIntegerv(pname, data) headroom_gl_state((pname), (GLint*)(data))
#define glIsEnabled(cap) GL_FALSE  // blend, cull, depth, stencil and scissor are off between frames
