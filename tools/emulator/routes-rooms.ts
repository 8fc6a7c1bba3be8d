/** The account and room endpoints: `/me`, members, files. */
import type { RoomContext, RouteContext } from './context.js'
import { accountOf } from './fixtures.js'
import { LIST_CAP, MAX_FILE } from './limits.js'
import { uploadNotice } from './notation.js'
import { errors, json, noContent, type Reply } from './wire.js'

export function getMe({ account }: RouteContext): Reply {
  return json(200, {
    account_id: account.account_id,
    room_id: 1,
    name: account.name,
    chatwork_id: '',
    organization_id: 0,
    organization_name: '',
    department: '',
    title: '',
    url: '',
    introduction: '',
    mail: '',
    tel_organization: '',
    tel_extension: '',
    tel_mobile: '',
    skype: '',
    facebook: '',
    twitter: '',
    avatar_image_url: account.avatar_image_url,
    login_mail: ''
  })
}

export function listMembers({ room }: RoomContext): Reply {
  return json(
    200,
    [...room.members].map(([id, role]) => ({ account_id: id, role, name: accountOf(id).name }))
  )
}

export function uploadFile({ room, role, multipart, account, world }: RoomContext): Reply {
  const file = multipart?.file
  if (!file) return errors(400, ["Parameter 'file' is required"])
  if (role === 'readonly') return errors(403, ["You don't have permission to upload files"])
  if (file.bytes.length > MAX_FILE) return errors(400, ['File size exceeds the limit of 5MB'])
  const fileId = world.newFileId()
  const text = uploadNotice(fileId, file.name, multipart.fields.get('message'))
  const stored = world.post(room.room_id, account, text)
  room.files.push({
    file_id: fileId,
    account: { ...account },
    message_id: stored.message_id,
    filename: file.name,
    filesize: file.bytes.length,
    upload_time: stored.send_time,
    content: file.bytes,
    contentType: file.type
  })
  return json(200, { file_id: fileId })
}

export function listFiles({ room, query }: RoomContext): Reply {
  const by = query.get('account_id')
  const files = room.files
    .filter(f => !by || String(f.account.account_id) === by)
    .map(({ content: _c, contentType: _t, ...listed }) => listed)
  return files.length === 0 ? noContent() : json(200, files.slice(-LIST_CAP))
}
