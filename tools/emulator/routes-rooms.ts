/** The account and room endpoints: `/me`, rooms, members, files. */
import type { RoomContext, RouteContext } from './context.js'
import { accountOf } from './fixtures.js'
import { LIST_CAP, MAX_FILE } from './limits.js'
import { uploadNotice } from './notation.js'
import type { Account, MemberRole, Room } from './types.js'
import { errors, json, noContent, type Reply } from './wire.js'
import type { World } from './world.js'

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

/** One room as `GET /rooms` lists it, for `account`. */
function summary(world: World, room: Room, account: Account, role: MemberRole) {
  const times = room.messages.map(m => Math.max(m.send_time, m.update_time))
  return {
    room_id: room.room_id,
    name: room.name,
    type: 'group',
    role,
    sticky: false,
    ...world.marks.counts(account, room),
    mytask_num: room.tasks.filter(
      t => t.status === 'open' && t.account.account_id === account.account_id
    ).length,
    message_num: room.messages.length,
    file_num: room.files.length,
    task_num: room.tasks.length,
    icon_path: 'https://appdata.chatwork.com/icon/ico_group.png',
    last_update_time: Math.max(0, ...times)
  }
}

/** `GET /rooms`: the rooms the caller is a member of. */
export function listRooms({ world, account }: RouteContext): Reply {
  const rooms = [...world.rooms.values()].flatMap(room => {
    const role = room.members.get(account.account_id)
    return role ? [summary(world, room, account, role)] : []
  })
  return json(200, rooms)
}

/** `GET /rooms/{id}`: the same, with a description. */
export function getRoom({ world, room, account, role }: RoomContext): Reply {
  return json(200, { ...summary(world, room, account, role), description: '' })
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
  const fileId = world.ids.file()
  const text = uploadNotice(fileId, file.name, multipart.fields.get('message'))
  const stored = world.post(room.room_id, account, text)
  world.addFile(room.room_id, {
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
