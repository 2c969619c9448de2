/** What the local server answers when a request cannot be served, in one place. */

export const SERVER_MESSAGES = {
  bodyTooLarge: '上传的内容太大（上限约 512 MB 的文件）。',
  noSuchCall: (call: string) => `没有接口“${call}”。`,
  badToken: '访问令牌无效。',
  notJson: '请求内容不是有效的 JSON。',
  noSuchFile: '文件不存在。',
  openWithToken: '请使用启动时显示的完整地址（含 token）打开。',
  failed: (error: string) => `服务出错：${error}\n`,
} as const;
