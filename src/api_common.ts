/**
 * The public API both entries share (src/index.ts for Node,
 * src/index.browser.ts for browsers): everything that works unchanged on
 * either platform. Each entry adds its platform's classes and registers them.
 */
export * from "./core/error/error_list.js";
export { ERR_FAIL_COND_MSG, ERR_FAIL_MSG, ERR_FAIL_V_MSG, ERR_PRINT, WARN_PRINT, WARN_PRINT_ONCE } from "./core/error/error_macros.js";
export {
  capture_output,
  get_output_sink,
  set_output_sink,
  type OutputCapture,
  type OutputKind,
  type OutputRecord,
  type OutputSink,
} from "./core/error/error_sink.js";
export { print, printerr, prints, push_error, push_warning } from "./core/error/print.js";
export * from "./core/variant/index.js";
export {
  bytes_to_var,
  bytes_to_var_with_objects,
  decode_variant,
  encode_variant,
  get_object_codec,
  set_object_codec,
  var_to_bytes,
  var_to_bytes_with_objects,
  type DecodeOptions,
  type DecodeResult,
  type EncodeResult,
  type ObjectCodec,
} from "./core/io/marshalls.js";

export { Callable } from "./core/object/callable.js";
export type { ClassBinder } from "./core/object/class_binder.js";
export { ClassDB, type MethodDictionary, type PropertyDictionary } from "./core/object/class_db.js";
export { CoreConstants } from "./core/object/core_constants.js";
export { MessageQueue } from "./core/object/message_queue.js";
export { ConnectFlags, GodotObject, type SignalArgs, type SignalName, type SignalsOf } from "./core/object/object.js";
export { instance_from_id, is_instance_id_valid, is_instance_valid } from "./core/object/object_db.js";
export { RefCounted } from "./core/object/ref_counted.js";
export type { ArgumentInfo, ConstantInfo, MethodInfo, PropertyInfo, SignalInfo, TypeRef } from "./core/object/type_info.js";

export { notify_io, wait_for_io } from "./core/io/io_wait.js";
export { PacketPeer } from "./core/io/packet_peer.js";
export { PacketPeerStream } from "./core/io/packet_peer_stream.js";
export { StreamPeer } from "./core/io/stream_peer.js";
export { StreamPeerBuffer } from "./core/io/stream_peer_buffer.js";
export { Resource } from "./core/io/resource.js";
export { TLSOptions } from "./core/crypto/tls_options.js";

export { State as WebSocketPeerState, WriteMode as WebSocketPeerWriteMode } from "./modules/websocket/websocket_peer.js";

export { Node } from "./scene/main/node.js";
export { SceneTree } from "./scene/main/scene_tree.js";
export { register_scene_types } from "./scene/register_scene_types.js";
export {
  ConnectionStatus as MultiplayerPeerConnectionStatus,
  MultiplayerPeer,
  TransferMode as MultiplayerPeerTransferMode,
} from "./scene/main/multiplayer_peer.js";
export { register_multiplayer_types } from "./scene/register_multiplayer_types.js";
