import type { ChatMember, User } from 'telegraf/types';

/** An administrator entry as getChatMember returns it; posting rights matter for channels. */
export function adminMember(user: User, canPost: boolean, anonymous: boolean): ChatMember {
  return {
    status: 'administrator',
    user,
    can_be_edited: false,
    is_anonymous: anonymous,
    can_manage_chat: true,
    can_delete_messages: true,
    can_manage_video_chats: true,
    can_restrict_members: true,
    can_promote_members: false,
    can_change_info: true,
    can_invite_users: true,
    can_post_messages: canPost,
    can_edit_messages: canPost,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
  };
}
